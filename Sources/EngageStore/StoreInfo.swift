/// What a store holds, for `engage store info` (and its `--json`).
public struct StoreInfo: Sendable, Codable, Equatable {
    /// One account's extent.
    public struct Account: Sendable, Codable, Equatable {
        public var handle: String
        /// Distinct posts.
        public var posts: Int
        /// Distinct account days.
        public var days: Int
        /// First and last account day (`YYYY-MM-DD`), nil without days.
        public var firstDay: String?
        public var lastDay: String?

        enum CodingKeys: String, CodingKey {
            case handle, posts, days
            case firstDay = "first_day", lastDay = "last_day"
        }
    }

    /// One imported file.
    public struct Import: Sendable, Codable, Equatable {
        public var file: String
        public var sha256: String
        public var variant: String
        public var rows: Int
        /// When it was imported (ISO 8601, UTC).
        public var at: String
    }

    public var accounts: [Account]
    public var imports: [Import]
}

/// The outcome of `engage store check`.
public struct StoreCheck: Sendable, Equatable {
    /// `PRAGMA integrity_check` lines other than `ok`.
    public var integrityProblems: [String]
    /// `PRAGMA foreign_key_check` rows, as text.
    public var foreignKeyProblems: [String]
    /// Rows per table, in table order.
    public var counts: [(table: String, rows: Int)]

    public var isClean: Bool { integrityProblems.isEmpty && foreignKeyProblems.isEmpty }

    public static func == (a: StoreCheck, b: StoreCheck) -> Bool {
        a.integrityProblems == b.integrityProblems && a.foreignKeyProblems == b.foreignKeyProblems
            && a.counts.map(\.table) == b.counts.map(\.table) && a.counts.map(\.rows) == b.counts.map(\.rows)
    }
}
