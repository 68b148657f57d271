import EngageModel
import Foundation
import Yams

/// Reads the rules of `engage watch` (see ``WatchRule``); every error names file, line and key.
public enum WatchRuleFile {
    static let ruleKeys = ["name", "when", "notify", "kind", "hashtag", "campaign", "min_impressions"]

    /// Loads the rules of `path`.
    public static func load(path: String) throws(ConfigError) -> [WatchRule] {
        try parse(try YAMLFile(path: path))
    }

    /// Parses YAML text as if read from `path` (tests).
    public static func parse(yaml text: String, path: String = "<rules>") throws(ConfigError) -> [WatchRule] {
        try parse(try YAMLFile(path: path, text: text))
    }

    private static func parse(_ file: YAMLFile) throws(ConfigError) -> [WatchRule] {
        let top = try file.entries(of: file.root, allowed: ["rules"], context: "the top level")
        guard let list = top.first(where: { $0.0 == "rules" })?.2, let items = list.sequence, !items.isEmpty else {
            throw file.error("expected `rules:` followed by a list of rules", at: file.root, key: "rules")
        }
        var rules: [WatchRule] = []
        for item in items {
            var name: String?
            var condition: (WatchRule.Measure, Bool, WatchRule.Threshold, TimeInterval?)?
            var rule = WatchRule(name: "", measure: .count(.likes), strict: false, threshold: .value(0), line: item.mark?.line)
            for (key, _, value) in try file.entries(of: item, allowed: ruleKeys, context: "a rule") {
                switch key {
                case "name": name = try file.string(value, key: key)
                case "when": condition = try parseCondition(try file.string(value, key: key), file: file, at: value)
                case "notify": rule.notify = try actions(value, file: file)
                case "kind":
                    let kind = try file.string(value, key: key).lowercased()
                    guard kind == "post" || kind == "reply" else { throw file.error("expected post or reply", at: value, key: key) }
                    rule.kind = kind
                case "hashtag":
                    let tag = try file.string(value, key: key)
                    rule.hashtag = tag.hasPrefix("#") ? tag : "#" + tag
                case "campaign":
                    let campaign = try file.string(value, key: key)
                    guard !campaign.isEmpty else { throw file.error("expected the name of a campaign in the campaigns file", at: value, key: key) }
                    rule.campaign = campaign
                case "min_impressions":
                    guard let n = Int64(try file.string(value, key: key)), n >= 0 else {
                        throw file.error("expected a whole number of impressions", at: value, key: key)
                    }
                    rule.minimumImpressions = n
                default: break
                }
            }
            guard let name, !name.isEmpty else { throw file.error("every rule needs a name", at: item, key: "name") }
            guard !rules.contains(where: { $0.name == name }) else { throw file.error("a second rule named \(name)", at: item, key: "name") }
            guard let condition else { throw file.error("rule \(name) needs a condition, e.g. when: \"likes >= 100\"", at: item, key: "when") }
            rule.name = name
            (rule.measure, rule.strict, rule.threshold, rule.within) = condition
            if case .percentile = rule.threshold, case .count = rule.measure {
                throw file.error("a percentile threshold goes with a rate (e.g. engagement_rate > p90)", at: item, key: "when")
            }
            rules.append(rule)
        }
        return rules
    }

    /// `likes >= 100`, `engagements >= 50 within 2h [of posting]`, `engagement_rate > 5%`,
    /// `url_clicks_rate >= 0.01`, `engagement_rate > p90`.
    static func parseCondition(_ text: String, file: YAMLFile, at node: Node) throws(ConfigError)
        -> (WatchRule.Measure, Bool, WatchRule.Threshold, TimeInterval?) {
        let expected = "expected METRIC >= VALUE [within DURATION], e.g. \"likes >= 100\" or \"engagements >= 50 within 2h\""
        var words = text.split(separator: " ").map(String.init)
        guard words.count >= 3 else { throw file.error("\(text): \(expected)", at: node, key: "when") }
        let measure: WatchRule.Measure
        let key = words[0].lowercased()
        if key == "engagement_rate" {
            measure = .rate(.engagements)
        } else if key.hasSuffix("_rate"), let metric = Metric(key: String(key.dropLast(5))) {
            measure = .rate(metric)
        } else if let metric = Metric(key: key) {
            measure = .count(metric)
        } else {
            throw file.error("\(words[0]): not a metric (expected e.g. likes, engagements, url_clicks, engagement_rate)", at: node, key: "when")
        }
        let strict: Bool
        switch words[1] {
        case ">=": strict = false
        case ">": strict = true
        default: throw file.error("\(words[1]): expected >= or >", at: node, key: "when")
        }
        let threshold: WatchRule.Threshold
        let value = words[2]
        if value.lowercased().hasPrefix("p"), let p = Int(value.dropFirst()), (1...99).contains(p) {
            threshold = .percentile(p)
        } else if value.hasSuffix("%"), let percent = Double(value.dropLast()), percent.isFinite, percent >= 0 {
            threshold = .value(percent / 100)
        } else if let number = Double(value), number.isFinite, number >= 0 {
            threshold = .value(number)
        } else {
            throw file.error("\(value): expected a number, a percentage (5%) or a percentile (p90)", at: node, key: "when")
        }
        words.removeFirst(3)
        var within: TimeInterval?
        if !words.isEmpty {
            guard words[0] == "within", words.count >= 2, let duration = duration(words[1]),
                  words.count == 2 || words.dropFirst(2) == ["of", "posting"] else {
                throw file.error("\(text): after the value, expected \"within 2h\" (m, h or d)", at: node, key: "when")
            }
            within = duration
        }
        return (measure, strict, threshold, within)
    }

    /// `90m`, `2h`, `1d` in seconds.
    static func duration(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let n = Double(text.dropLast()), n > 0, n.isFinite else { return nil }
        switch unit {
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        default: return nil
        }
    }

    /// `[stdout, {webhook: URL}, {eml: DIR, to: ADDR}, {command: CMD}]`, or one of them.
    private static func actions(_ node: Node, file: YAMLFile) throws(ConfigError) -> [WatchRule.Action] {
        let items = node.sequence.map(Array.init) ?? [node]
        var out: [WatchRule.Action] = []
        for item in items {
            if let word = item.scalar?.string {
                guard word == "stdout" else {
                    throw file.error("\(word): expected stdout, or webhook: URL, eml: FOLDER, command: CMD", at: item, key: "notify")
                }
                out.append(.stdout)
                continue
            }
            let entries = try file.entries(of: item, allowed: ["webhook", "eml", "to", "command"], context: "a notify action")
            var to: String?
            var action: WatchRule.Action?
            for (key, _, value) in entries {
                let text = try file.string(value, key: key)
                switch key {
                case "webhook":
                    guard text.hasPrefix("$") || text.hasPrefix("https://") || text.hasPrefix("http://") else {
                        throw file.error("expected an http(s) URL or $VARIABLE holding one", at: value, key: key)
                    }
                    action = .webhook(text)
                case "eml": action = .eml(folder: text, to: nil)
                case "command": action = .command(text)
                case "to": to = text
                default: break
                }
            }
            switch action {
            case .eml(let folder, _)?: out.append(.eml(folder: folder, to: to))
            case let action? where to == nil: out.append(action)
            case _?: throw file.error("to: goes with eml:", at: item, key: "to")
            case nil: throw file.error("expected one of webhook:, eml:, command:", at: item, key: "notify")
            }
        }
        return out
    }
}
