import EngageModel
import Foundation
import GRDB

/// One crossing of one rule by one post, as `engage watch` records and delivers it.
public struct Alert: Sendable, Equatable, Encodable {
    public var rule: String
    /// The post id as a string (ids exceed the integers JSON readers keep exactly).
    public var postID: String
    public var handle: String
    /// `likes`, `engagement_rate`, …
    public var metric: String
    public var value: Double
    public var threshold: Double
    /// When the crossing was observed (ISO 8601, UTC).
    public var observedAt: String
    public var link: String?
    /// The post's text (for message bodies; not in the JSON line).
    public var text: String

    public init(rule: String, postID: UInt64, handle: String, metric: String, value: Double, threshold: Double,
                observedAt: Date, link: String?, text: String) {
        self.rule = rule; self.postID = String(postID); self.handle = handle; self.metric = metric; self.value = value
        self.threshold = threshold; self.observedAt = isoInstant(observedAt); self.link = link; self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case rule, postID = "post_id", handle, metric, value, threshold, observedAt = "observed_at", link
    }

    /// The same for every delivery of this alert, from any process: receivers drop repeats by it.
    public var idempotencyKey: String { "engage-\(handle.lowercased())-\(rule)-\(postID)" }

    /// `{"rule","post_id","handle","metric","value","threshold","observed_at","link"}`, keys sorted.
    public var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}

/// One pending delivery of an alert (a row of the outbox).
public struct Delivery: Sendable {
    public var id: Int64
    public var alert: Alert
    /// `stdout`, `webhook`, `eml` or `command`.
    public var action: String
    /// The URL, folder (and address) or command, as the rules file wrote it.
    public var target: String
    /// Attempts made before this one.
    public var attempts: Int
}

/// `engage watch`'s memory: alerts, each recorded once per (rule, post), and an outbox of their
/// deliveries. An alert and its deliveries are committed together before any is attempted, so a
/// crash between detection and delivery loses nothing and a restart never detects it again.
extension HistoryStore {
    /// Records the alerts not recorded before, each with a delivery per action, in one
    /// transaction; returns the new ones.
    public func record(_ alerts: [Alert], actions: (Alert) -> [(kind: String, target: String)], at now: Date = Date()) throws(StoreError) -> [Alert] {
        try write { db in
            var added: [Alert] = []
            for alert in alerts {
                guard let post = Int64(alert.postID) else { continue }
                try db.execute(sql: """
                    INSERT OR IGNORE INTO alert (rule, post_id, handle, metric, value, threshold, observed_at_ms, link, text, detected_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [alert.rule, post, alert.handle, alert.metric, alert.value, alert.threshold,
                                     milliseconds(parseInstant(alert.observedAt)), alert.link, alert.text, isoInstant(now)])
                guard db.changesCount == 1 else { continue }
                let id = db.lastInsertedRowID
                for action in actions(alert) {
                    try db.execute(sql: "INSERT INTO outbox (alert_id, action, target, next_attempt_ms) VALUES (?, ?, ?, ?)",
                                   arguments: [id, action.kind, action.target, milliseconds(now)])
                }
                added.append(alert)
            }
            return added
        }
    }

    /// The (rule, post id) pairs alerted before.
    public func alertedPairs() throws(StoreError) -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT rule || ' ' || post_id FROM alert")) }
    }

    /// Claims the deliveries due at `now` for `lease` seconds (another watch process skips them
    /// meanwhile), oldest alert first.
    public func claimDue(at now: Date = Date(), lease: TimeInterval = 120) throws(StoreError) -> [Delivery] {
        let nowMS = milliseconds(now)
        return try write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.id, o.action, o.target, o.attempts, a.rule, a.post_id, a.handle, a.metric, a.value, a.threshold,
                       a.observed_at_ms, a.link, a.text
                FROM outbox o JOIN alert a ON a.id = o.alert_id
                WHERE o.delivered_at IS NULL AND o.next_attempt_ms <= ? AND o.lease_until_ms <= ?
                ORDER BY a.id, o.id
                """, arguments: [nowMS, nowMS])
            var due: [Delivery] = []
            for row in rows {
                let id: Int64 = row["id"]
                try db.execute(sql: "UPDATE outbox SET lease_until_ms = ? WHERE id = ?", arguments: [nowMS + Int64(lease * 1000), id])
                let alert = Alert(rule: row["rule"], postID: UInt64(bitPattern: row["post_id"] as Int64), handle: row["handle"],
                                  metric: row["metric"], value: row["value"], threshold: row["threshold"],
                                  observedAt: date(milliseconds: row["observed_at_ms"]), link: row["link"], text: row["text"])
                due.append(Delivery(id: id, alert: alert, action: row["action"], target: row["target"], attempts: row["attempts"]))
            }
            return due
        }
    }

    /// Marks a delivery done.
    public func delivered(_ delivery: Delivery, at now: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, lease_until_ms = 0, last_error = NULL WHERE id = ?",
                           arguments: [isoInstant(now), delivery.id])
        }
    }

    /// Records a failed attempt; the next is due at `retryAt`.
    public func failed(_ delivery: Delivery, reason: String, retryAt: Date) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, next_attempt_ms = ?, lease_until_ms = 0, last_error = ? WHERE id = ?",
                           arguments: [milliseconds(retryAt), reason, delivery.id])
        }
    }

    /// Deliveries not yet made, and when the earliest is next due.
    public func pending() throws(StoreError) -> (count: Int, nextDue: Date?) {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), MIN(next_attempt_ms) FROM outbox WHERE delivered_at IS NULL")
            return (row?[0] ?? 0, (row?[1] as Int64?).map { date(milliseconds: $0) })
        }
    }

    /// Runs `body` in one write transaction, turning any failure into a ``StoreError``.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.cannotOpen, "\(path): cannot write to the store (\(Self.reason(error)))")
        }
    }
}

/// The instant of an ISO 8601 text written by ``isoInstant(_:)``.
func parseInstant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
}
