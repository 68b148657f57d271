import EngageAnalysis
import EngageConfig
import EngageModel
import EngageStore
import Foundation

/// One `engage watch` over a store: finds the crossings of its rules, records each alert once,
/// and works through the outbox, retrying failed deliveries with exponential backoff.
public struct Watcher: Sendable {
    public let store: HistoryStore
    public let rules: [WatchRule]
    /// Only this account; nil: every account in the store.
    public let handle: String?
    public let sender: AlertSender
    /// Wait before the first retry of a failed delivery; doubled after each failure, at most ``maximumRetryDelay``.
    public let retryAfter: TimeInterval
    /// Posts whose latest observation is later than this after posting are not judged: a watch
    /// started on a store of two years' history alerts on what is fresh, not on every old post.
    public let maximumAge: TimeInterval
    /// What rules with a `campaign:` filter match against; such a rule alerts on nothing without it.
    public let campaigns: WatchCampaigns?

    public static let maximumRetryDelay: TimeInterval = 900

    public init(store: HistoryStore, rules: [WatchRule], handle: String?, sender: AlertSender, retryAfter: TimeInterval,
                maximumAge: TimeInterval = 7 * 86_400, campaigns: WatchCampaigns? = nil) {
        self.store = store; self.rules = rules; self.handle = handle; self.sender = sender; self.retryAfter = retryAfter
        self.maximumAge = maximumAge; self.campaigns = campaigns
    }

    /// Records the alerts not recorded before, with one outbox row per action; returns them.
    public func detect(now: Date = Date()) throws(StoreError) -> [Alert] {
        let handles: [String]
        if let handle { handles = [try store.resolveHandle(handle)] } else { handles = try store.info().accounts.map(\.handle) }
        let actions = Dictionary(uniqueKeysWithValues: rules.map { ($0.name, $0.notify.map(\.stored)) })
        let known = try store.alertedPairs()
        var found: [Alert] = []
        for handle in handles {
            var histories = try PostHistory.all(of: handle, in: store).filter { post in
                post.observations.last.map { $0.observedAt.timeIntervalSince(post.postedAt) <= maximumAge } ?? false
            }
            if let campaigns, rules.contains(where: { $0.campaign != nil }) {
                do throws(CampaignError) { histories = try campaigns.assign(histories) } catch {
                    throw StoreError(.refused, "campaigns: \(error.description)")
                }
            }
            found += AlertDetector.alerts(rules: rules, handle: handle, histories: histories)
                .filter { !known.contains("\($0.rule) \($0.postID)") }
        }
        return try store.record(found, actions: { actions[$0.rule] ?? [] }, at: now)
    }

    /// Attempts every delivery due; returns how many were made and the reasons of those that failed.
    public func deliverDue(now: Date = Date()) async throws(StoreError) -> (delivered: Int, failures: [String]) {
        var delivered = 0
        var failures: [String] = []
        for delivery in try store.claimDue(at: now) {
            if let reason = await sender.send(delivery) {
                let delay = min(retryAfter * pow(2, Double(delivery.attempts)), Self.maximumRetryDelay)
                try store.failed(delivery, reason: reason, retryAt: Date().addingTimeInterval(delay))
                failures.append("\(delivery.alert.rule) post \(delivery.alert.postID): \(reason); next attempt in \(Int(delay.rounded(.up))) s")
            } else {
                try store.delivered(delivery)
                delivered += 1
            }
        }
        return (delivered, failures)
    }
}
