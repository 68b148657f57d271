/// Output base names from a pattern: `engage-{handle}-{start}_{end}` becomes
/// `engage-northwind-2025-11-17_2025-11-23`. The result passes through ``FileNaming/safe(_:)``,
/// so a handle or campaign name cannot add folders or control characters.
public enum FileNamePattern {
    /// The placeholders a pattern may use.
    public static let placeholders = ["handle", "start", "end", "period", "template"]

    /// Expands `pattern`.
    /// - Throws: ``ReportError/namePattern(_:)`` for an unknown or unclosed placeholder.
    public static func expand(_ pattern: String, values: [String: String]) throws(ReportError) -> String {
        var out = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw .namePattern("\"\(pattern)\": a { is never closed")
            }
            let key = String(rest[rest.index(after: open)..<close])
            guard let value = values[key] else {
                throw .namePattern("\"\(pattern)\": unknown placeholder {\(key)} (known: \(placeholders.map { "{\($0)}" }.joined(separator: " ")))")
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return FileNaming.safe(out + rest)
    }
}
