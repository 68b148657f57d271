import EngageModel
import Foundation
import GRDB

/// One SQLite file that remembers every import: accounts, posts, each observation of a post's
/// counts with the time it was observed, daily account rows, and the files imported.
///
/// Opened in WAL mode with a busy timeout, so that overlapping runs (two cron jobs, a report and
/// `engage watch`) wait for each other instead of failing; every import is one transaction, so a
/// killed import leaves all of its file or none of it.
///
/// ```swift
/// let store = try HistoryStore(path: "acme.sqlite")
/// let outcome = try store.importFile(StoreImport(input: file.input, handle: "acme", observedAt: end,
///                                                posts: file.posts, daily: file.daily))
/// ```
public final class HistoryStore: Sendable {
    /// The store file as given.
    public let path: String
    let pool: DatabasePool

    /// How long a write waits for another process's write to finish.
    public static let busyTimeout: TimeInterval = 60

    /// Opens (creating when missing) and migrates the store at `path`.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "engage store"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.cannotOpen, "\(path): cannot open the store (\(Self.reason(error)))")
        }
        try migrate()
    }

    /// Brings the schema up to date. Two processes opening a new store at once can both see it
    /// unmigrated; the second's migration then fails (its tables exist) after waiting for the
    /// first, and is simply tried again, finding nothing left to do.
    private func migrate() throws(StoreError) {
        let migrator = StoreSchema.migrator
        var attempt = 0
        while true {
            attempt += 1
            do {
                let known = Set(migrator.migrations)
                let applied = try pool.read { try migrator.appliedIdentifiers($0) }
                if !applied.isSubset(of: known) {
                    throw StoreError(.corrupt, "\(path): written by a newer engage (schema \(applied.subtracting(known).sorted().joined(separator: ", "))); upgrade engage to use it")
                }
                try migrator.migrate(pool)
                return
            } catch let error as StoreError {
                throw error
            } catch where attempt < 3 {
                continue
            } catch {
                throw StoreError(.corrupt, "\(path): not an engage store, or damaged (\(Self.reason(error)))")
            }
        }
    }

    // MARK: - Import

    /// Imports one file in one transaction. A file whose SHA-256 was imported before changes
    /// nothing; a post observed again at another time gains an observation (the older ones are
    /// kept); the post's text and link are those of its latest observation.
    public func importFile(_ item: StoreImport, at now: Date = Date()) throws(StoreError) -> ImportOutcome {
        do {
            return try write { db in try Self.importFile(item, at: now, into: db) }
        } catch {
            throw StoreError(error.kind, "\(error.message), importing \(item.input.path)")
        }
    }

    private static func importFile(_ item: StoreImport, at now: Date, into db: Database) throws -> ImportOutcome {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM import WHERE sha256 = ?", arguments: [item.input.sha256]) == true {
            return ImportOutcome(alreadyImported: true, newPosts: 0, newObservations: 0, newDays: 0)
        }
        let account = try accountID(item.handle, in: db)
        let observed = milliseconds(item.observedAt)
        try db.execute(sql: """
            INSERT INTO import (account_id, file, sha256, variant, encoding, rows, bytes, observed_at_ms, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [account, item.input.path, item.input.sha256, item.input.variant, item.input.encoding,
                             item.input.rows, item.input.bytes, observed, isoInstant(now)])
        let importID = db.lastInsertedRowID
        let postsBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post") ?? 0

        let columns = StoreSchema.metricColumns
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let names = columns.map(\.column).joined(separator: ", ")
        let upsertPost = try db.cachedStatement(sql: """
            INSERT INTO post (id, account_id, created_at_ms, time_source, kind, text, link, text_observed_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET text = excluded.text, link = excluded.link, kind = excluded.kind,
                text_observed_at_ms = excluded.text_observed_at_ms
            WHERE excluded.text_observed_at_ms > post.text_observed_at_ms
            """)
        let addObservation = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO observation (post_id, observed_at_ms, import_id, \(names))
            VALUES (?, ?, ?, \(placeholders))
            """)
        var newObservations = 0
        var postRow = RowWriter(upsertPost), observationRow = RowWriter(addObservation)
        for index in idOrder(item.posts) {
            let post = item.posts[index]
            let text = post.text, id = Int64(bitPattern: post.id)
            postRow.bind(id); postRow.bind(account); postRow.bind(milliseconds(post.postedAt))
            postRow.bind(post.timeSource.rawValue); postRow.bind(PostKind(text: text).rawValue); postRow.bind(text)
            postRow.bind(post.permalink); postRow.bind(observed)
            _ = try postRow.run(in: db)
            observationRow.bind(id); observationRow.bind(observed); observationRow.bind(importID)
            observationRow.bind(post.metrics, columns: columns)
            newObservations += try observationRow.run(in: db)
        }

        let addDay = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO account_day (account_id, day, observed_at_ms, import_id, \(names))
            VALUES (?, ?, ?, ?, \(placeholders))
            """)
        var newDays = 0
        var dayRow = RowWriter(addDay)
        for row in item.daily {
            dayRow.bind(account); dayRow.bind(row.day.description); dayRow.bind(observed); dayRow.bind(importID)
            dayRow.bind(row.metrics, columns: columns)
            newDays += try dayRow.run(in: db)
        }
        let postsAfter = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post") ?? 0
        return ImportOutcome(alreadyImported: false, newPosts: postsAfter - postsBefore,
                             newObservations: newObservations, newDays: newDays)
    }

    /// The positions of `posts` in ascending id order. SQLite fills a page before it starts the
    /// next when rows arrive in key order; an export's newest-first order left pages half empty.
    static func idOrder(_ posts: [Post]) -> [Int] {
        if zip(posts, posts.dropFirst()).allSatisfy({ $0.id <= $1.id }) { return Array(posts.indices) }
        if zip(posts, posts.dropFirst()).allSatisfy({ $0.id >= $1.id }) { return posts.indices.reversed() }
        return posts.indices.sorted { posts[$0].id < posts[$1].id }
    }

    /// The id of the account `handle`, created when new.
    static func accountID(_ handle: String, in db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO account (handle) VALUES (?) ON CONFLICT (handle) DO NOTHING", arguments: [handle])
        return try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE handle = ?", arguments: [handle]) ?? 0
    }

    // MARK: - Reading

    /// The accounts and the files imported, for `engage store info`.
    public func info() throws(StoreError) -> StoreInfo {
        try read { db in
            let accounts = try Row.fetchAll(db, sql: """
                SELECT a.handle,
                       (SELECT COUNT(*) FROM post WHERE account_id = a.id) AS posts,
                       (SELECT COUNT(DISTINCT day) FROM account_day WHERE account_id = a.id) AS days,
                       (SELECT MIN(day) FROM account_day WHERE account_id = a.id) AS first_day,
                       (SELECT MAX(day) FROM account_day WHERE account_id = a.id) AS last_day
                FROM account a ORDER BY a.handle
                """).map { row in
                StoreInfo.Account(handle: row["handle"], posts: row["posts"], days: row["days"],
                                  firstDay: row["first_day"], lastDay: row["last_day"])
            }
            let imports = try Row.fetchAll(db, sql: "SELECT file, sha256, variant, rows, at FROM import ORDER BY id").map { row in
                StoreInfo.Import(file: row["file"], sha256: row["sha256"], variant: row["variant"], rows: row["rows"], at: row["at"])
            }
            return StoreInfo(accounts: accounts, imports: imports)
        }
    }

    /// SQLite's integrity and foreign-key checks, and the rows of every table.
    public func check() throws(StoreError) -> StoreCheck {
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                "\(row[0] as String? ?? "?") row \(row[1] as Int64? ?? -1) refers to a missing \(row[2] as String? ?? "?")"
            }
            var counts: [(String, Int)] = []
            for table in ["account", "import", "post", "observation", "account_day", "alert", "outbox"] {
                counts.append((table, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0))
            }
            return StoreCheck(integrityProblems: integrity, foreignKeyProblems: foreignKeys, counts: counts)
        }
    }

    /// The handle to read: `handle` when the store holds it, else the only account.
    public func resolveHandle(_ handle: String?) throws(StoreError) -> String {
        let handles = try read { db in try String.fetchAll(db, sql: "SELECT handle FROM account ORDER BY handle") }
        if let handle {
            guard let held = handles.first(where: { $0.lowercased() == handle.lowercased() }) else {
                throw StoreError(.refused, "\(path): no account @\(handle) in the store (it holds: \(handles.isEmpty ? "none" : handles.map { "@" + $0 }.joined(separator: ", ")))")
            }
            return held
        }
        guard handles.count == 1 else {
            throw StoreError(.refused, handles.isEmpty ? "\(path): the store holds no account yet (import exports with engage store import)"
                                                      : "\(path): the store holds several accounts (\(handles.map { "@" + $0 }.joined(separator: ", "))); choose one with --handle")
        }
        return handles[0]
    }

    /// `handle`'s posts with their latest observation, and its days with their latest row, as
    /// a ``Dataset`` for reports; `inputs` are the files imported for the account.
    public func dataset(handle: String) throws(StoreError) -> Dataset {
        let columns = StoreSchema.metricColumns
        let names = columns.map { "o." + $0.column }.joined(separator: ", ")
        return try read { db in
            guard let account = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE handle = ?", arguments: [handle]) else {
                return Dataset(handle: handle)
            }
            var posts: [Post] = []
            let postRows = try Row.fetchCursor(db, sql: """
                SELECT p.id, p.created_at_ms, p.time_source, p.text, p.link, i.file, \(names)
                FROM post p
                JOIN observation o ON o.post_id = p.id
                     AND o.observed_at_ms = (SELECT MAX(observed_at_ms) FROM observation WHERE post_id = p.id)
                JOIN import i ON i.id = o.import_id
                WHERE p.account_id = ?
                ORDER BY p.created_at_ms, p.id
                """, arguments: [account])
            while let row = try postRows.next() {
                let id = UInt64(bitPattern: row[0] as Int64)
                posts.append(Post(id: id, text: row[3], permalink: row[4], postedAt: date(milliseconds: row[1]),
                                  timeSource: Post.TimeSource(rawValue: row[2]) ?? .snowflake,
                                  metrics: metrics(row, from: 6, columns: columns),
                                  origin: SourceLocation(file: row[5], line: nil)))
            }
            var daily: [DailyRow] = []
            let dayRows = try Row.fetchCursor(db, sql: """
                SELECT o.day, i.file, \(names)
                FROM account_day o JOIN import i ON i.id = o.import_id
                WHERE o.account_id = ?
                  AND o.observed_at_ms = (SELECT MAX(observed_at_ms) FROM account_day WHERE account_id = o.account_id AND day = o.day)
                ORDER BY o.day
                """, arguments: [account])
            while let row = try dayRows.next() {
                guard let day = CalendarDay(iso: row[0] as String) else { continue }
                daily.append(DailyRow(day: day, metrics: metrics(row, from: 2, columns: columns),
                                      origin: SourceLocation(file: row[1], line: nil)))
            }
            let inputs = try Row.fetchAll(db, sql: """
                SELECT file, variant, encoding, rows, sha256, bytes FROM import WHERE account_id = ? ORDER BY id
                """, arguments: [account]).map { row in
                InputFile(path: row["file"], variant: row["variant"], encoding: row["encoding"], rows: row["rows"],
                          skipped: 0, sha256: row["sha256"], bytes: row["bytes"])
            }
            var dataset = Dataset(posts: posts, daily: daily, inputs: inputs, handle: handle)
            dataset.isHistory = true
            return dataset
        }
    }

    /// Every observation of `handle`'s posts, oldest post first, each post's observations in time
    /// order; `body` is called once per row.
    public func forEachObservation(handle: String, _ body: (StoredObservation) throws -> Void) throws(StoreError) {
        let columns = StoreSchema.metricColumns
        let names = columns.map { "o." + $0.column }.joined(separator: ", ")
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.id, p.created_at_ms, p.kind, p.text, p.link, o.observed_at_ms, \(names)
                FROM post p JOIN account a ON a.id = p.account_id
                JOIN observation o ON o.post_id = p.id
                WHERE a.handle = ?
                ORDER BY p.created_at_ms, p.id, o.observed_at_ms
                """, arguments: [handle])
            while let row = try rows.next() {
                try body(StoredObservation(postID: UInt64(bitPattern: row[0] as Int64), postedAt: date(milliseconds: row[1]),
                                           kind: row[2], text: row[3], link: row[4], observedAt: date(milliseconds: row[5]),
                                           metrics: metrics(row, from: 6, columns: columns)))
            }
        }
    }

    /// Every daily row of `handle`, each day's observations in time order.
    public func forEachDay(handle: String, _ body: (_ day: String, _ observedAt: Date, _ metrics: MetricValues) throws -> Void) throws(StoreError) {
        let columns = StoreSchema.metricColumns
        let names = columns.map { "o." + $0.column }.joined(separator: ", ")
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT o.day, o.observed_at_ms, \(names)
                FROM account_day o JOIN account a ON a.id = o.account_id
                WHERE a.handle = ? ORDER BY o.day, o.observed_at_ms
                """, arguments: [handle])
            while let row = try rows.next() {
                try body(row[0], date(milliseconds: row[1]), metrics(row, from: 2, columns: columns))
            }
        }
    }

    // MARK: - Helpers

    /// Runs `body` in a read transaction, turning any failure into a ``StoreError``.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read { db in try body(db) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.corrupt, "\(path): cannot read the store (\(Self.reason(error)))")
        }
    }

    /// SQLite's own words for `error`.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        return "\(error)"
    }
}

/// One observation of one post, as `engage store export` and `engage watch` read them.
public struct StoredObservation: Sendable {
    public var postID: UInt64
    public var postedAt: Date
    /// `reply` or `post` (see ``PostKind``).
    public var kind: String
    public var text: String
    public var link: String?
    public var observedAt: Date
    public var metrics: MetricValues
}

/// What kind of post a text is: a reply starts with `@`.
enum PostKind: String {
    case reply, post

    init(text: String) { self = text.hasPrefix("@") ? .reply : .post }
}

/// The counts in `row`'s columns from `first` on, one per metric column.
func metrics(_ row: Row, from first: Int, columns: [(metric: Metric, column: String)]) -> MetricValues {
    var values = MetricValues()
    for (offset, item) in columns.enumerated() {
        if let value = row[first + offset] as Int64? { values[item.metric] = value }
    }
    return values
}

/// Unix milliseconds of `date`.
func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

/// The instant of `milliseconds` since 1970.
func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

/// `2026-12-03T11:04:19Z`.
func isoInstant(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
}
