import EngageModel

/// One input file as read: what it was detected as, its posts or daily rows, and its issues.
///
/// ```swift
/// let file = try ExportFile.read(path: "tweet_activity_metrics_acme_20250101_20250331_en.csv")
/// print(file.variant.displayName, file.posts.count, file.issues.count)
/// ```
public struct ExportFile: Sendable {
    /// The input's facts for the About sheet: variant, encoding, rows, SHA-256, size.
    public let input: InputFile
    /// The variant detected from the header.
    public let variant: ExportVariant
    /// Posts in file order (per-post variants; empty for daily ones).
    public let posts: [Post]
    /// Days in file order (daily variants; empty for per-post ones).
    public let daily: [DailyRow]
    /// Skipped rows and odd values, in file order; header notes first.
    public let issues: [DataIssue]
    /// The account handle from the permalinks, else from the file name; without `@`.
    public let handle: String?
    /// The last day of the export window, from the file name (used to rank overlapping files).
    public let windowEnd: CalendarDay?
    /// Hourly counts (saved Engagement API responses with an hourly grouping).
    public let hourly: [HourlyCount]

    /// Creates a value from its parts (for readers of other input kinds and for tests).
    public init(input: InputFile, variant: ExportVariant, posts: [Post], daily: [DailyRow],
                issues: [DataIssue], handle: String?, windowEnd: CalendarDay?, hourly: [HourlyCount] = []) {
        self.input = input; self.variant = variant; self.posts = posts; self.daily = daily
        self.issues = issues; self.handle = handle; self.windowEnd = windowEnd; self.hourly = hourly
    }

    /// The same file without its posts (the merge takes them separately).
    func withoutPosts() -> ExportFile {
        ExportFile(input: input, variant: variant, posts: [], daily: daily, issues: issues,
                   handle: handle, windowEnd: windowEnd, hourly: hourly)
    }

    /// Readers tried in order; the first that accepts the input reads it.
    /// Adding an input kind (e.g. saved API responses) is one line here.
    static var readers: [any ExportFormatReader.Type] {
        [
            CSVExportReader.self,
            SavedJSONReader.self,
        ]
    }

    /// Reads one export file, detecting its encoding, layout and variant.
    ///
    /// - Parameter path: the file, as given on the command line (messages repeat it as is).
    /// - Returns: the file's posts or daily rows, with every skipped row and odd value as a
    ///   ``DataIssue``.
    /// - Throws: ``IngestError``: missing or unreadable input (``IngestError/isInputMissing``),
    ///   or a data error — undecodable bytes, unknown header, broken quoting, invalid JSON,
    ///   nothing usable.
    public static func read(path: String) throws(IngestError) -> ExportFile {
        try read(try InputBytes(path: path))
    }

    /// Reads `bytes` as if they were the file `path` (fuzzing and tests).
    public static func read(bytes: [UInt8], path: String) throws(IngestError) -> ExportFile {
        try read(InputBytes(data: bytes, path: path))
    }

    private static func read(_ input: InputBytes) throws(IngestError) -> ExportFile {
        let path = input.path
        for reader in readers where reader.accepts(input) {
            return try reader.read(input)
        }
        throw .unsupportedInput(path: path, reason: "not a kind of input engage knows")
    }
}

/// A reader for one kind of input file (CSV exports, saved API responses).
protocol ExportFormatReader {
    /// True when this reader recognises `input` from its first bytes.
    static func accepts(_ input: InputBytes) -> Bool
    /// Reads `input` completely.
    static func read(_ input: InputBytes) throws(IngestError) -> ExportFile
}

extension InputBytes {
    /// True when the first byte that is not a space, line break or byte order mark is `{` or `[`.
    var looksLikeJSON: Bool {
        var i = 0
        let b = bytes
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        return i < b.count && (b[i] == UInt8(ascii: "{") || b[i] == UInt8(ascii: "["))
    }
}
