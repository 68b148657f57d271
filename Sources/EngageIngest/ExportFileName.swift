import EngageModel

/// What an export's file name reveals: the account handle and the export window.
///
/// X names legacy exports `tweet_activity_metrics_<handle>_<YYYYMMDD>_<YYYYMMDD>_<lang>.csv`
/// and `daily_tweet_activity_metrics_<handle>_…`. For other names, any two consecutive dates
/// (`YYYYMMDD` or `YYYY-MM-DD`) give the window, and a handle is taken only after a known
/// prefix (`content_`, `account_overview_`, `account_analytics_content_`, …). A browser's
/// ` (1)` suffix is ignored.
struct ExportFileName: Sendable, Equatable {
    /// The account handle without `@`, when the name carries one.
    var handle: String?
    /// First day of the export window.
    var windowStart: CalendarDay?
    /// Last day of the export window.
    var windowEnd: CalendarDay?

    private static let handlePrefixes: [[String]] = [
        ["daily", "tweet", "activity", "metrics"], ["tweet", "activity", "metrics"],
        ["account", "analytics", "content"], ["account", "analytics", "overview"],
        ["account", "overview", "analytics"], ["account", "overview"], ["content", "analytics"], ["content"],
    ]

    /// Reads the file name at the end of `path`.
    init(path: String) {
        var name = String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        if name.hasSuffix(")"), let open = name.lastIndex(of: "("), open > name.startIndex,
           name[name.index(open, offsetBy: 1)..<name.index(before: name.endIndex)].allSatisfy(\.isNumber) {
            name = String(name[..<open]).trimmingSpaces
        }
        let tokens = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        // The last two consecutive date tokens.
        var dateIndex: Int?
        if tokens.count >= 2 {
            for i in stride(from: tokens.count - 2, through: 0, by: -1)
            where ExportFileName.day(tokens[i]) != nil && ExportFileName.day(tokens[i + 1]) != nil {
                dateIndex = i
                break
            }
        }
        guard let d = dateIndex else { return }
        windowStart = ExportFileName.day(tokens[d])
        windowEnd = ExportFileName.day(tokens[d + 1])
        let lowered = tokens.map { $0.lowercased() }
        for prefix in ExportFileName.handlePrefixes where lowered.starts(with: prefix) && d > prefix.count {
            let candidate = tokens[prefix.count..<d].joined(separator: "_")
            if ExportFileName.isHandle(candidate) { handle = candidate }
            break
        }
    }

    /// The handle in a post link `https://twitter.com/<handle>/status/<id>` or
    /// `https://x.com/<handle>/status/<id>` (`www.` and `mobile.` allowed).
    static func handle(fromPermalink link: String) -> String? {
        var rest = Substring(link.trimmingSpaces)
        for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        for sub in ["www.", "mobile."] where rest.hasPrefix(sub) { rest = rest.dropFirst(sub.count) }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let host = rest[..<slash].lowercased()
        guard host == "twitter.com" || host == "x.com" else { return nil }
        let parts = rest[rest.index(after: slash)...].split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[1] == "status", isHandle(String(parts[0])), parts[0] != "i" else { return nil }
        return String(parts[0])
    }

    /// X handles: letters, digits and underscores (X allows 15; up to 50 are accepted so
    /// that renamed or synthetic files still name their account).
    static func isHandle(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 50
            && text.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 < 0x80 && Character(Unicode.Scalar($0)).isLetter)
                || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
    }

    private static func day(_ token: String) -> CalendarDay? {
        let utf8 = Array(token.utf8)
        if utf8.count == 8, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let value = Int(token)!
            return CalendarDay(year: value / 10_000, month: value / 100 % 100, day: value % 100)
        }
        if utf8.count == 10 { return CalendarDay(iso: token) }
        return nil
    }
}
