import EngageAnalysis
import EngageModel
import Foundation

/// The two to four sentences a manager reads first: how the period went, the best slot, the
/// campaign verdict and the top post. Every sentence is derived from numbers in the report.
enum Findings {
    static func sentences(for report: Report) -> [String] {
        var out: [String] = []
        out.append(headline(report))
        let hours = report.bestHours.sentences(audience: report.audience)
        if let best = hours.first(where: { $0.hasPrefix("Best time") }) ?? (report.bestHours.status == .notEnoughData ? hours.last : nil) {
            out.append(best)
        }
        if let campaigns = report.campaigns?.analysis {
            let decided = campaigns.comparisons.filter { $0.outcome == .beats || $0.outcome == .trails }
            if let strongest = decided.max(by: { abs($0.lift ?? 0) < abs($1.lift ?? 0) }) {
                out.append(strongest.verdict + ".")
            } else if let first = campaigns.comparisons.first {
                out.append("\(first.campaign) against \(first.control): \(first.verdict).")
            }
        }
        if let top = report.topPosts.first(where: { $0.ranking == .engagements })?.entries.first {
            let local = report.options.clock.local(top.post.postedAt)
            out.append("Top post by engagements (\(local.day), \(grouped(Int64(top.value))) engagements): “\(excerpt(top.post.text))”.")
        }
        return out
    }

    /// "1,780 posts earned 52,310 impressions and 1,245 engagements (2.38% engagement rate), up 0.24 pp (+11.2%) on the previous period."
    private static func headline(_ report: Report) -> String {
        let k = report.kpis
        guard k.posts > 0 else { return "No posts were published in \(report.periodText)." }
        let impressions = k.totals[.impressions] ?? 0
        let engagements = k.totals[.engagements] ?? 0
        var text = "\(grouped(Int64(k.posts))) post\(k.posts == 1 ? "" : "s") earned \(grouped(impressions)) impressions and \(grouped(engagements)) engagements"
        if let rate = k.engagementRate.rate { text += " (\(percent(rate)) engagement rate)" }
        if let change = report.changes.first(where: \.isRate), let sign = change.sign, let shown = change.text {
            text += sign == 0 ? ", unchanged on the previous period" : ", \(sign > 0 ? "up" : "down") \(shown.dropFirst()) on the previous period"
        }
        return text + "."
    }

    static func grouped(_ n: Int64) -> String { NumberText.grouped(n) }

    static func percent(_ rate: Double) -> String { NumberText.percent(rate) }

    /// The first `limit` characters of `text` on one line, with an ellipsis when cut.
    static func excerpt(_ text: String, limit: Int = 80) -> String {
        // Only a prefix can show; look no further into very long text (runs of newlines shrink).
        let head = text.prefix(limit * 4)
        let oneLine = head.split(whereSeparator: \.isNewline).joined(separator: " ")
        let cut = head.endIndex != text.endIndex || oneLine.count > limit
        return cut ? String(oneLine.prefix(limit - 1)) + "…" : oneLine
    }
}
