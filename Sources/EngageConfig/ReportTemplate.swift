import EngageAnalysis
import EngageModel
import Foundation

/// A report template (`--template NAME|FILE`): title, period, sections, outputs, paper, week
/// start, top-N, time zone, file name pattern, font and history store, in YAML. The built-in
/// `weekly`, `monthly` and `campaign-review` are compiled into the binary from
/// `Sources/EngageConfig/Templates/`, which `templates/*.yaml` link to, so the files users copy
/// are the ones that ship.
public struct ReportTemplate: Sendable, Equatable {
    /// Where it came from: a built-in name or a path.
    public var source: String
    /// Short name for `{template}` in file names (the file name without `.yaml`).
    public var name: String
    public var title: String?
    public var period: PeriodExpression?
    public var weekStart: BestHoursWeekStart?
    public var paper: String?
    public var topCount: Int?
    /// Weeks of the trend (`trend_weeks`, 0 = off).
    public var trendWeeks: Int?
    /// Weeks of posts for best hours (`hours_window`, 0 = the period only).
    public var hoursWindowWeeks: Int?
    public var timeZone: LocalClock?
    /// Section keys in order (see `ReportSection` in EngageReport).
    public var sections: [String]?
    /// Output keys (xlsx, png, pdf, summary, manifest, json).
    public var outputs: [String]?
    public var namePattern: String?
    /// Sender of the `.eml` (`mail_from`).
    public var mailFrom: EmailAddress?
    /// Reply-To of the `.eml` (`reply_to`: one address, or several separated by commas).
    public var replyTo: [EmailAddress]?

    /// Primary font family of the charts and the PDF, e.g. "Noto Sans".
    public var font: String?
    /// Whether best hours adjust for post kind (`adjust_for_post_kind: true|false`).
    public var adjustForPostKind: Bool?

    /// The account's history store (`store`), a relative path resolved against the template's
    /// folder, as a batch job's is: the report imports its inputs into it and reads from it.
    public var store: String?

    static let keys = ["title", "period", "week_start", "paper", "top_n", "trend_weeks", "hours_window", "tz", "sections", "outputs", "name", "mail_from", "reply_to", "font", "store",
                       "adjust_for_post_kind"]
    static let sectionKeys = ["summary", "daily", "top_posts", "campaigns", "best_hours", "video", "issues", "methodology"]
    static let outputKeys = ["xlsx", "png", "pdf", "summary", "manifest", "json"]

    /// The built-in templates by name.
    public static let builtIn: [String: [UInt8]] = [
        "weekly": PackageResources.weekly_yaml,
        "monthly": PackageResources.monthly_yaml,
        "campaign-review": PackageResources.campaign_review_yaml,
    ]

    /// Loads a built-in template by name, or the YAML file at `nameOrPath`.
    /// - Throws: ``ConfigError`` naming the file, line and key of the first problem.
    public static func load(_ nameOrPath: String) throws(ConfigError) -> ReportTemplate {
        if let bytes = builtIn[nameOrPath] {
            return try parse(yaml: String(decoding: bytes, as: UTF8.self), path: "built-in template \(nameOrPath)", name: nameOrPath)
        }
        guard nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") else {
            throw ConfigError(file: nameOrPath, message: "no such template (built-in: \(builtIn.keys.sorted().joined(separator: ", ")); or give a path to a .yaml file)")
        }
        let file = try YAMLFile(path: nameOrPath)
        let name = URL(filePath: nameOrPath).deletingPathExtension().lastPathComponent
        return try parse(file, name: name)
    }

    /// Parses template YAML as if read from `path`.
    public static func parse(yaml text: String, path: String, name: String) throws(ConfigError) -> ReportTemplate {
        try parse(try YAMLFile(path: path, text: text), name: name)
    }

    private static func parse(_ file: YAMLFile, name: String) throws(ConfigError) -> ReportTemplate {
        var t = ReportTemplate(source: file.path, name: name)
        for (key, _, value) in try file.entries(of: file.root, allowed: keys, context: "a template") {
            switch key {
            case "title": t.title = try file.string(value, key: key)
            case "period":
                let text = try file.string(value, key: key)
                do { t.period = try PeriodExpression.parse(text) } catch {
                    throw file.error(error.message, at: value, key: key)
                }
            case "week_start":
                let text = try file.string(value, key: key)
                guard let start = BestHoursWeekStart(rawValue: text.lowercased()) else {
                    throw file.error("expected monday or sunday, found \(text)", at: value, key: key)
                }
                t.weekStart = start
            case "paper":
                let text = try file.string(value, key: key).lowercased()
                guard ["a4", "letter"].contains(text) else { throw file.error("expected a4 or letter, found \(text)", at: value, key: key) }
                t.paper = text
            case "top_n":
                let text = try file.string(value, key: key)
                guard let n = Int(text), (1...100).contains(n) else { throw file.error("expected a number from 1 to 100, found \(text)", at: value, key: key) }
                t.topCount = n
            case "trend_weeks", "hours_window":
                let text = try file.string(value, key: key)
                guard let n = Int(text), (0...520).contains(n) else { throw file.error("expected a number of weeks from 0 to 520, found \(text)", at: value, key: key) }
                if key == "trend_weeks" { t.trendWeeks = n } else { t.hoursWindowWeeks = n }
            case "tz":
                let text = try file.string(value, key: key)
                guard let clock = LocalClock(identifier: text) else {
                    throw file.error("unknown time zone \(text) (expected an IANA name such as Europe/Berlin)", at: value, key: key)
                }
                t.timeZone = clock
            case "sections", "outputs":
                let allowed = key == "sections" ? sectionKeys : outputKeys
                let items = try file.strings(value, key: key)
                if let unknown = items.first(where: { !allowed.contains($0) }) {
                    throw file.error("unknown \(key == "sections" ? "section" : "output") \(unknown) (expected some of: \(allowed.joined(separator: ", ")))", at: value, key: key)
                }
                if key == "sections" { t.sections = items } else { t.outputs = items }
            case "name": t.namePattern = try file.string(value, key: key)
            case "mail_from", "reply_to":
                let text = try file.string(value, key: key)
                switch EmailAddress.list(text) {
                case .failure(let error): throw file.error(error.description, at: value, key: key)
                case .success(let addresses) where key == "mail_from":
                    guard addresses.count == 1 else { throw file.error("give one sender address, found \(addresses.count)", at: value, key: key) }
                    t.mailFrom = addresses[0]
                case .success(let addresses): t.replyTo = addresses
                }
            case "font":
                let text = try file.string(value, key: key).trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty, text.count <= 200, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw file.error("expected a font family name such as DejaVu Sans or Noto Sans", at: value, key: key)
                }
                t.font = text
            case "store":
                let text = try file.string(value, key: key)
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw file.error("expected the path of a store file, e.g. stores/acme.sqlite", at: value, key: key)
                }
                t.store = text.hasPrefix("/") ? text : URL(filePath: file.path).deletingLastPathComponent().appending(path: text).path
            case "adjust_for_post_kind": t.adjustForPostKind = try file.bool(value, key: key)
            default: break
            }
        }
        return t
    }

    init(source: String, name: String) {
        self.source = source
        self.name = name
    }

    public static func == (a: ReportTemplate, b: ReportTemplate) -> Bool {
        a.source == b.source && a.title == b.title && a.period == b.period && a.weekStart == b.weekStart && a.paper == b.paper
            && a.topCount == b.topCount && a.trendWeeks == b.trendWeeks && a.hoursWindowWeeks == b.hoursWindowWeeks && a.timeZone?.zoneName == b.timeZone?.zoneName && a.sections == b.sections
            && a.outputs == b.outputs && a.namePattern == b.namePattern && a.mailFrom == b.mailFrom && a.replyTo == b.replyTo
            && a.font == b.font && a.store == b.store && a.adjustForPostKind == b.adjustForPostKind
    }
}
