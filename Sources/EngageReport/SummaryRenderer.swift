import EngageAnalysis
import EngageModel
import Foundation
import Mustache

/// The email bodies: `summary.txt` and `summary.html`, rendered from Mustache templates.
///
/// The built-in templates are compiled into the binary (SwiftPM `embedInCode`) from
/// `Sources/EngageReport/Templates/`, which `templates/email/` links to, so an installed binary
/// needs no files and the copy users edit is the one that ships. `--email-templates DIR` points at
/// edited copies; a template error names the file, line and column.
public struct SummaryRenderer {
    let context: [String: Any]
    let textTemplate: MustacheTemplate
    let htmlTemplate: MustacheTemplate

    /// Template errors.
    public struct TemplateError: Error, CustomStringConvertible {
        public let description: String
    }

    /// - Parameters:
    ///   - attachments: the files written so far, listed at the end of the message.
    ///   - templateFolder: folder with `summary.txt.mustache` and `summary.html.mustache`; nil uses the built-in ones.
    public init(report: Report, attachments: [Manifest.File], templateFolder: String? = nil) throws {
        // Post text and names are data: no control character of theirs reaches an e-mail body.
        context = ControlCharacters.strippedDeeply(Self.context(report, attachments: attachments)) as! [String: Any]
        textTemplate = try Self.template("summary.txt.mustache", builtIn: PackageResources.summary_txt_mustache, folder: templateFolder)
        htmlTemplate = try Self.template("summary.html.mustache", builtIn: PackageResources.summary_html_mustache, folder: templateFolder)
    }

    /// The plain-text body.
    public func text() throws -> String { textTemplate.render(context) }

    /// The HTML body (inline styles, tables, no scripts; every value HTML-escaped).
    public func html() throws -> String { htmlTemplate.render(context) }

    private static func template(_ name: String, builtIn: [UInt8], folder: String?) throws -> MustacheTemplate {
        let path = folder.map { ($0 as NSString).appendingPathComponent(name) } ?? "built-in \(name)"
        let text: String
        if let folder {
            do { text = try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8) } catch {
                throw TemplateError(description: "\(path): cannot read the template (\(error.localizedDescription))")
            }
        } else {
            text = String(decoding: builtIn, as: UTF8.self)
        }
        if let (depth, line) = deepestSection(text), depth > maxSectionDepth {
            throw TemplateError(description: "\(path) line \(line): sections nested \(depth) deep; at most \(maxSectionDepth) are allowed")
        }
        do { return try MustacheTemplate(string: text) } catch let error as MustacheTemplate.ParserError {
            throw TemplateError(description: "\(path) line \(error.context.lineNumber), column \(error.context.columnNumber): \(error.error) in “\(error.context.line)”")
        }
    }

    /// Deepest nesting of sections a template may have: the parser recurses once per level, and a
    /// template nested thousands deep would overflow the stack.
    static let maxSectionDepth = 100

    /// The deepest nesting of `{{#…}}`/`{{^…}}` sections in `text` and the line where it is first
    /// reached, or nil without sections. Counted with every `{{` as a tag opener, so a template that
    /// changes its delimiters is counted as if it had not (over-counting only opens, never closes).
    static func deepestSection(_ text: String) -> (depth: Int, line: Int)? {
        var depth = 0, deepest = 0, line = 1, deepestLine = 1
        var previous: UInt8 = 0, open = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if open {
                open = false
                if byte == UInt8(ascii: "#") || byte == UInt8(ascii: "^") {
                    depth += 1
                    if depth > deepest { deepest = depth; deepestLine = line }
                } else if byte == UInt8(ascii: "/") {
                    depth = max(0, depth - 1)
                }
            }
            if previous == UInt8(ascii: "{") && byte == UInt8(ascii: "{") { open = true; previous = 0; continue }
            previous = byte
        }
        return deepest > 0 ? (deepest, deepestLine) : nil
    }

    /// The values the templates can use; documented in docs/TEMPLATES.md.
    static func context(_ report: Report, attachments: [Manifest.File]) -> [String: Any] {
        var changes = Dictionary(report.changes.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var kpis: [[String: Any]] = []
        func add(_ key: String, _ label: String, _ value: Double?, isRate: Bool) {
            guard let value else { return }
            var row: [String: Any] = ["label": label, "value": isRate ? Findings.percent(value) : Findings.grouped(Int64(value))]
            if let change = changes[key], let sign = change.sign, let shown = change.text {
                row["change"] = "\(sign > 0 ? "▲" : sign < 0 ? "▼" : "=") \(shown)"
                row["changeColor"] = sign > 0 ? "#1a7f37" : sign < 0 ? "#b42318" : "#5f6b76"
            } else {
                row["changeColor"] = "#5f6b76"
            }
            kpis.append(row)
        }
        add("posts", "Posts", Double(report.kpis.posts), isRate: false)
        for metric in [Metric.impressions, .engagements, .likes, .reposts, .replies, .urlClicks, .follows, .videoViews]
        where report.kpis.totals.has(metric) {
            add(metric.key, metric.title, report.kpis.totals[metric].map(Double.init), isRate: false)
        }
        add("engagement_rate", "Engagement rate", report.kpis.engagementRate.rate, isRate: true)
        if let account = report.account, account.days > 0 {
            changes = Dictionary(report.accountChanges.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            for metric in [Metric.impressions, .engagements, .likes, .reposts, .replies, .userProfileClicks, .urlClicks, .videoViews]
            where account.totals.has(metric) {
                add(metric.key, "Account " + Findings.inSentence(metric.title), account.totals[metric].map(Double.init), isRate: false)
            }
            add("engagement_rate", "Account engagement rate", account.engagementRate, isRate: true)
            for (metric, label) in [(Metric.follows, "New follows"), (.unfollows, "Unfollows")] where account.totals.has(metric) {
                add(metric.key, label, account.totals[metric].map(Double.init), isRate: false)
            }
            if let net = account.netFollows {
                add("net_follows", "Net follows", Double(net), isRate: false)
                kpis[kpis.count - 1]["value"] = Findings.signed(net)
            }
        }
        let analysis = report.campaigns?.analysis
        let skipped = report.skippedRows.count, warnings = report.issues.filter { $0.kind == .warning }.count
        let undrawn = report.issues.filter { $0.kind == .textNotDrawn }.count
        let outside = Set(report.issues.filter { $0.kind == .outsidePeriod }.map(\.location.file)).count
        return [
            "title": report.options.title, "handle": report.handle, "period": report.periodText,
            "timeZone": report.timeZoneName, "findings": report.findings, "kpis": kpis,
            "hasPrevious": report.previousRange != nil,
            "hasAccount": report.account.map { $0.days > 0 } ?? false, "totalsNote": Report.totalsNote,
            "previousPeriod": report.previousRange.map { "\($0.start) – \($0.end)" } ?? "",
            "hasCampaigns": analysis != nil,
            "campaignMetric": analysis.map { $0.metric == .engagements ? "engagement rate" : "\($0.metric.title.lowercased()) per impression" } ?? "",
            "verdicts": analysis?.comparisons.map { "\($0.campaign) vs \($0.control): \($0.verdict)" } ?? [],
            "liftBasis": analysis.flatMap { $0.comparisons.isEmpty ? nil : $0.liftBasis } ?? "",
            "trend": report.trendAbsentReason.map { [$0] } ?? report.shownTrend?.sentences() ?? [],
            "hasTrend": report.trend != nil,
            "bestHours": report.postsAbsentReason.map { [$0] } ?? report.bestHours.sentences(audience: report.audience),
            "issueSummary": skipped + warnings + undrawn + outside == 0 ? "none" :
                "\(skipped) skipped row\(skipped == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                + (undrawn > 0 ? ", \(undrawn) post\(undrawn == 1 ? "" : "s") with characters no font has" : "")
                + (outside == 0 ? "" : ", \(outside) input\(outside == 1 ? "" : "s") with rows outside the period")
                + " (listed in the workbook)",
            "attachments": attachments.map { ["name": $0.path, "size": ByteCount.text($0.bytes)] },
            "generator": report.options.generator,
        ]
    }
}
