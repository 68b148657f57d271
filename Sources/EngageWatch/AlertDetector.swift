import EngageAnalysis
import EngageConfig
import EngageModel
import EngageStore
import Foundation

/// Which posts cross which rules: pure, so that the same histories always give the same alerts.
///
/// A post alerts on a rule at the first observation that crosses it (for a velocity rule, the
/// first observed at most `within` after posting); its value and time are that observation's.
/// A percentile threshold is the account's own: the p-th percentile (linear interpolation
/// between order statistics) of the measure over the latest observation of every post that
/// passes the rule's filters, from at least ``minimumPostsForPercentile`` posts.
public enum AlertDetector {
    /// Fewer posts than this give no percentile threshold (and no alert).
    public static let minimumPostsForPercentile = 10

    /// The alerts of `rules` over `histories` of the account `handle`, in rule order, then post order.
    public static func alerts(rules: [WatchRule], handle: String, histories: [PostHistory]) -> [Alert] {
        var alerts: [Alert] = []
        for rule in rules {
            let candidates = histories.filter { passes($0, rule) }
            let threshold: Double
            switch rule.threshold {
            case .value(let value): threshold = value
            case .percentile(let p):
                let latest = candidates.compactMap { $0.observations.last.flatMap { value(rule, $0.metrics) } }
                guard latest.count >= minimumPostsForPercentile else { continue }
                threshold = percentile(latest.sorted(), p)
            }
            for post in candidates {
                for observation in post.observations {
                    if let within = rule.within, observation.observedAt.timeIntervalSince(post.postedAt) > within { break }
                    guard let value = value(rule, observation.metrics),
                          rule.strict ? value > threshold : value >= threshold else { continue }
                    alerts.append(Alert(rule: rule.name, postID: post.postID, handle: handle, metric: rule.measure.key,
                                        value: value, threshold: threshold, observedAt: observation.observedAt,
                                        link: post.link, text: post.text))
                    break
                }
            }
        }
        return alerts
    }

    /// True when `post` passes `rule`'s filters.
    static func passes(_ post: PostHistory, _ rule: WatchRule) -> Bool {
        if let kind = rule.kind, post.kind != kind { return false }
        if let tag = rule.hashtag, !Hashtags.text(post.text, contains: tag) { return false }
        if let campaign = rule.campaign, post.campaign != campaign { return false }
        return true
    }

    /// The rule's measure in `metrics`; nil when absent, or a rate below the minimum impressions.
    static func value(_ rule: WatchRule, _ metrics: MetricValues) -> Double? {
        switch rule.measure {
        case .count(let metric):
            return metrics[metric].map(Double.init)
        case .rate(let metric):
            guard let impressions = metrics[.impressions], impressions > 0, impressions >= rule.minimumImpressions,
                  let count = metrics[metric] else { return nil }
            return Double(count) / Double(impressions)
        }
    }

    /// The p-th percentile of `sorted` (non-empty), interpolating linearly between order statistics.
    static func percentile(_ sorted: [Double], _ p: Int) -> Double {
        let position = Double(p) / 100 * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
