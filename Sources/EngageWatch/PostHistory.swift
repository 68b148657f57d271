import EngageModel
import EngageStore
import Foundation

/// One post and every observation of its counts, oldest first: what rules are judged on.
public struct PostHistory: Sendable {
    public var postID: UInt64
    public var postedAt: Date
    /// `post` or `reply`.
    public var kind: String
    public var text: String
    public var link: String?
    public var observations: [(observedAt: Date, metrics: MetricValues)]
    /// The campaign the post is counted in (``WatchCampaigns``); nil when none, or none given.
    public var campaign: String?

    public init(postID: UInt64, postedAt: Date, kind: String, text: String, link: String?,
                observations: [(observedAt: Date, metrics: MetricValues)], campaign: String? = nil) {
        self.postID = postID; self.postedAt = postedAt; self.kind = kind; self.text = text; self.link = link
        self.observations = observations; self.campaign = campaign
    }

    /// Every post of `handle` in `store` with its observations.
    public static func all(of handle: String, in store: HistoryStore) throws(StoreError) -> [PostHistory] {
        var histories: [PostHistory] = []
        try store.forEachObservation(handle: handle) { item in
            if histories.last?.postID != item.postID {
                histories.append(PostHistory(postID: item.postID, postedAt: item.postedAt, kind: item.kind, text: item.text,
                                             link: item.link, observations: []))
            }
            histories[histories.count - 1].observations.append((item.observedAt, item.metrics))
        }
        return histories
    }
}
