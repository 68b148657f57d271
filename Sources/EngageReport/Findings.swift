import EngageAnalysis
import EngageModel
import Foundation

/// The two to four sentences a manager reads first: how the period went, the best slot, the
/// campaign verdict and the top post. Every sentence is derived from numbers in the report.
enum Findings {
    static func sentences(for report: Report) -> [String] {
        var out: [String] = []
        if let account = report.account, account.days > 0 {
            out.append(accountHeadline(report, account))
            if let growth = followerSentence(account) { out.append(growth) }
        }
        // The headline's source first: account totals, or the period's posts.
        out.insert(headline(report), at: report.headlineFromAccount ? out.count : 0)
        if !report.uncoveredDays.isEmpty {
            let n = report.uncoveredDays.count
            out.append("\(n) day\(n == 1 ? "" : "s") of the period \(n == 1 ? "is" : "are") covered by no input (left blank, not counted as zeros).")
        }
        let hours = report.posts.isEmpty ? [] : report.bestHours.sentences(audience: report.audience)
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

    /// "Account totals over 31 days: 67,873 impressions and 1,124 engagements (1.66% engagement rate), …."
    private static func accountHeadline(_ report: Report, _ account: AccountSummary) -> String {
        var text = "Account totals over \(account.days) day\(account.days == 1 ? "" : "s"): "
            + "\(grouped(account.totals[.impressions] ?? 0)) impressions and \(grouped(account.totals[.engagements] ?? 0)) engagements"
        if let rate = account.engagementRate { text += " (\(percent(rate)) engagement rate)" }
        if let change = report.accountChanges.first(where: \.isRate), let sign = change.sign, let shown = change.text {
            text += sign == 0 ? ", unchanged on the previous period" : ", \(sign > 0 ? "up" : "down") \(shown.dropFirst()) on the previous period"
        }
        return text + "."
    }

    /// "Followers: +23 net (41 new follows, 18 unfollows)."
    private static func followerSentence(_ account: AccountSummary) -> String? {
        guard let net = account.netFollows, let new = account.newFollows, let lost = account.unfollows else { return nil }
        return "Followers: \(signed(net)) net (\(grouped(new)) new follows, \(grouped(lost)) unfollows)."
    }

    /// A title as it reads inside a sentence: `Likes` → `likes`, but `URL clicks` stays.
    static func inSentence(_ title: String) -> String {
        guard let first = title.first, title.dropFirst().first?.isLowercase == true else { return title }
        return first.lowercased() + title.dropFirst()
    }

    /// `+1,234`, `−56`, `0`.
    static func signed(_ n: Int64) -> String { n > 0 ? "+" + grouped(n) : n < 0 ? "−" + grouped(-n) : "0" }

    /// "1,780 posts earned 52,310 impressions and 1,245 engagements (2.38% engagement rate), up 0.24 pp (+11.2%) on the previous period."
    private static func headline(_ report: Report) -> String {
        let k = report.kpis
        guard k.posts > 0 else { return report.postsAbsentReason ?? "No posts were published in \(report.periodText)." }
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
