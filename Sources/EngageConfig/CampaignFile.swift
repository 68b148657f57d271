import EngageAnalysis
import EngageModel
import Foundation

/// Reads campaign definitions from `--campaigns FILE`: YAML (rules) or a two-column CSV
/// (`post_id,campaign`).
///
/// ```yaml
/// campaigns:
///   - name: spring-a
///     control: true
///     hashtags: ["#springA"]
///   - name: spring-b
///     hashtags: ["#springB"]
///     text: "(?i)spring sale"
///     ids: [1861234567890123456]
///     from: 2024-03-01
///     to: 2024-03-31
/// ```
public enum CampaignFile {
    static let campaignKeys = ["name", "control", "hashtags", "text", "ids", "from", "to"]

    /// Longest campaign name: 200 characters.
    static let maxNameLength = 200

    /// Loads definitions from `path`; `.csv` files are read as `post_id,campaign` pairs.
    /// - Throws: ``ConfigError`` naming the file, line and key.
    public static func load(path: String) throws(ConfigError) -> [CampaignDefinition] {
        if path.lowercased().hasSuffix(".csv") { return try loadCSV(path: path) }
        return try parseYAML(try YAMLFile(path: path))
    }

    /// Parses YAML text as if read from `path` (tests and fuzzing).
    public static func parse(yaml text: String, path: String = "<campaigns>") throws(ConfigError) -> [CampaignDefinition] {
        try parseYAML(try YAMLFile(path: path, text: text))
    }

    private static func parseYAML(_ file: YAMLFile) throws(ConfigError) -> [CampaignDefinition] {
        let top = try file.entries(of: file.root, allowed: ["campaigns"], context: "the top level")
        guard let list = top.first(where: { $0.0 == "campaigns" })?.2, let items = list.sequence else {
            throw file.error("expected `campaigns:` followed by a list of campaigns", at: file.root, key: "campaigns")
        }
        var result: [CampaignDefinition] = []
        var names = Set<String>()
        for item in items {
            var name: String?
            var control = false
            var hashtags: [String] = []
            var text: String?
            var ids: [UInt64] = []
            var from: CalendarDay?, to: CalendarDay?
            for (key, _, value) in try file.entries(of: item, allowed: campaignKeys, context: "a campaign") {
                switch key {
                case "name": name = try file.string(value, key: key)
                case "control": control = try file.bool(value, key: key)
                case "hashtags":
                    hashtags = try file.strings(value, key: key).map { $0.hasPrefix("#") ? $0 : "#" + $0 }
                case "text":
                    let pattern = try file.string(value, key: key)
                    do { _ = try NSRegularExpression(pattern: pattern) } catch {
                        throw file.error("not a valid regular expression: \(pattern)", at: value, key: key)
                    }
                    text = pattern
                case "ids":
                    for s in try file.strings(value, key: key) {
                        guard let id = UInt64(s.trimmingCharacters(in: .whitespaces)) else {
                            throw file.error("not a post id: \(s) (expected digits only)", at: value, key: key)
                        }
                        ids.append(id)
                    }
                case "from", "to":
                    let s = try file.string(value, key: key)
                    guard let day = CalendarDay(iso: s) else {
                        throw file.error("not a date: \(s) (expected YYYY-MM-DD)", at: value, key: key)
                    }
                    if key == "from" { from = day } else { to = day }
                default: break
                }
            }
            guard let name, !name.isEmpty else { throw file.error("a campaign needs a name", at: item, key: "name") }
            guard name.count <= maxNameLength else {
                throw file.error("campaign name of \(name.count) characters; at most \(maxNameLength) (it appears in every sheet, chart and e-mail)", at: item, key: "name")
            }
            guard names.insert(name).inserted else { throw file.error("campaign name used twice: \(name)", at: item, key: "name") }
            if hashtags.isEmpty && text == nil && ids.isEmpty && from == nil && to == nil {
                throw file.error("campaign \(name) has no rule (give hashtags, text, ids or from/to)", at: item)
            }
            if let from, let to, to < from {
                throw file.error("campaign \(name) ends (\(to)) before it starts (\(from))", at: item, key: "to")
            }
            result.append(CampaignDefinition(name: name, isControl: control, hashtags: hashtags, textPattern: text,
                                             ids: ids, from: from, to: to, sourceLine: item.mark?.line))
        }
        if result.isEmpty { throw file.error("the campaigns list is empty", at: list, key: "campaigns") }
        if result.filter(\.isControl).count > 1 {
            throw file.error("more than one campaign has control: true", at: list, key: "control")
        }
        return result
    }

    /// A CSV field without its surrounding quotes, `""` inside read as one `"`.
    static func unquoted(_ field: String) -> String {
        guard field.count >= 2, field.hasPrefix("\""), field.hasSuffix("\"") else { return field }
        return String(field.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    private static func loadCSV(path: String) throws(ConfigError) -> [CampaignDefinition] {
        let text = try ConfigText.read(path)
        var order: [String] = []
        var ids: [String: [UInt64]] = [:]
        var firstLine: [String: Int] = [:]
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let parts = line.split(separator: ",", maxSplits: 1).map { unquoted($0.trimmingCharacters(in: .whitespaces)) }
            if index == 0 && parts.first?.lowercased().contains("id") == true { continue }
            guard parts.count == 2, let id = UInt64(parts[0]), !parts[1].isEmpty else {
                throw ConfigError(file: path, line: index + 1, message: "expected `post_id,campaign`, found \(line)")
            }
            guard parts[1].count <= maxNameLength else {
                throw ConfigError(file: path, line: index + 1, message: "campaign name of \(parts[1].count) characters; at most \(maxNameLength) (it appears in every sheet, chart and e-mail)")
            }
            if ids[parts[1]] == nil { order.append(parts[1]); firstLine[parts[1]] = index + 1 }
            ids[parts[1], default: []].append(id)
        }
        if order.isEmpty { throw ConfigError(file: path, message: "no `post_id,campaign` rows found") }
        return order.map {
            CampaignDefinition(name: $0, ids: ids[$0] ?? [], sourceLine: firstLine[$0])
        }
    }
}
