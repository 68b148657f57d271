import EngageModel
import Foundation

/// An account's history as CSV (RFC 4180, comma separated, LF line ends): one row per observation
/// of a post, or per observation of an account day. Text starting with `=`, `+`, `-` or `@` is
/// written with a leading `'`, so that a spreadsheet opening the file shows it as text instead of
/// running it as a formula.
public enum StoreCSV {
    /// Writes `handle`'s post observations (or, with `days`, its daily rows) line by line to `write`.
    public static func write(handle: String, days: Bool, from store: HistoryStore, to write: (String) -> Void) throws(StoreError) {
        let metrics = StoreSchema.metricColumns.map(\.metric)
        if days {
            write((["day", "observed_at"] + metrics.map(\.key)).joined(separator: ",") + "\n")
            try store.forEachDay(handle: handle) { day, observedAt, values in
                write(([day, isoInstant(observedAt)] + metrics.map { values[$0].map(String.init) ?? "" }).joined(separator: ",") + "\n")
            }
            return
        }
        write((["post_id", "posted_at", "kind", "text", "link", "observed_at"] + metrics.map(\.key)).joined(separator: ",") + "\n")
        try store.forEachObservation(handle: handle) { item in
            let fields = [String(item.postID), isoInstant(item.postedAt), item.kind, field(item.text), field(item.link ?? ""),
                          isoInstant(item.observedAt)] + metrics.map { item.metrics[$0].map(String.init) ?? "" }
            write(fields.joined(separator: ",") + "\n")
        }
    }

    /// `text` as one CSV field: quoted when it holds a comma, quote or line break; guarded when it
    /// would start a formula.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
