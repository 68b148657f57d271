import EngageModel

/// The best posts by each headline measure.
///
/// ```swift
/// for list in TopPosts.lists(for: posts) { print(list.ranking.title, list.entries.map(\.post.id)) }
/// ```
public enum TopPosts {
    /// What a list is ranked by.
    public enum Ranking: String, Sendable, CaseIterable {
        /// Impressions.
        case impressions
        /// Engagements.
        case engagements
        /// Engagements ÷ impressions, among posts with at least the minimum impressions.
        case engagementRate = "engagement_rate"
        /// URL clicks.
        case urlClicks = "url_clicks"
        /// Follows.
        case follows

        /// Title for a sheet or chart, e.g. `Top posts by engagement rate`.
        public var title: String {
            switch self {
            case .impressions: "Top posts by impressions"
            case .engagements: "Top posts by engagements"
            case .engagementRate: "Top posts by engagement rate"
            case .urlClicks: "Top posts by URL clicks"
            case .follows: "Top posts by follows"
            }
        }

        /// The count the list is ranked by (engagements for the rate list, whose rate divides them).
        public var metric: Metric {
            switch self {
            case .impressions: .impressions
            case .engagements, .engagementRate: .engagements
            case .urlClicks: .urlClicks
            case .follows: .follows
            }
        }
    }

    /// One post in a list with the value it was ranked by (a count, or a rate as a fraction).
    public struct Entry: Sendable, Equatable {
        /// The post.
        public var post: Post
        /// Its count, or its rate for ``Ranking/engagementRate``.
        public var value: Double
    }

    /// One ranked list.
    public struct List: Sendable, Equatable {
        /// What it is ranked by.
        public var ranking: Ranking
        /// Best first; ties broken by smaller post id.
        public var entries: [Entry]
        /// For the rate list: the impressions a post needed to be ranked; `nil` otherwise.
        public var minimumImpressions: Int64?
        /// A plain-words note for the rate list, e.g. "posts with at least 100 impressions (412 of 530)".
        public var note: String?
    }

    /// The top `count` posts by impressions, engagements, engagement rate, URL clicks and follows;
    /// a list appears only when some post carries its metric (the rate list needs impressions and
    /// engagements).
    ///
    /// - Parameters:
    ///   - count: length of each list. Default 10.
    ///   - minimumImpressions: impressions a post needs to enter the rate list, so that a post seen
    ///     3 times with 2 engagements does not top it. Default 100.
    public static func lists(for posts: [Post], count: Int = 10, minimumImpressions: Int64 = 100) -> [List] {
        var lists: [List] = []
        for ranking in Ranking.allCases {
            // (value, index) pairs, read as the selection goes: nothing of the size of the posts is built.
            let byID = { (a: Int, b: Int) in posts[a].id < posts[b].id }
            let top: [(value: Double, index: Int)]
            var note: String?
            if ranking == .engagementRate {
                guard posts.contains(where: { $0.metrics.has(.impressions) && $0.metrics.has(.engagements) }) else { continue }
                let rated = posts.indices.lazy.compactMap { i -> (value: Double, index: Int)? in
                    guard let x = posts[i].metrics[.impressions], x >= max(1, minimumImpressions),
                          let rate = posts[i].engagementRate else { return nil }
                    return (rate, i)
                }
                top = topIndices(rated, count: max(0, count), idOrder: byID)
                note = "posts with at least \(minimumImpressions) impressions (\(rated.count) of \(posts.count))"
            } else {
                guard posts.contains(where: { $0.metrics.has(ranking.metric) }) else { continue }
                let counted = posts.indices.lazy.compactMap { i in posts[i].metrics[ranking.metric].map { (value: Double($0), index: i) } }
                top = topIndices(counted, count: max(0, count), idOrder: byID)
            }
            lists.append(List(ranking: ranking, entries: top.map { Entry(post: posts[$0.index], value: $0.value) },
                              minimumImpressions: ranking == .engagementRate ? minimumImpressions : nil, note: note))
        }
        return lists
    }

    /// The `count` largest values, ties broken by `idOrder` (smaller post id first), in rank order.
    /// Keeps a sorted buffer of at most `count` items: O(n·count) worst case, O(n) typically.
    private static func topIndices(_ keyed: some Sequence<(value: Double, index: Int)>, count: Int,
                                   idOrder: (Int, Int) -> Bool) -> [(value: Double, index: Int)] {
        guard count > 0 else { return [] }
        func ranksBefore(_ a: (value: Double, index: Int), _ b: (value: Double, index: Int)) -> Bool {
            a.value != b.value ? a.value > b.value : idOrder(a.index, b.index)
        }
        var best: [(value: Double, index: Int)] = []
        best.reserveCapacity(count + 1)
        for item in keyed {
            if best.count == count, let last = best.last, !ranksBefore(item, last) { continue }
            let position = best.firstIndex { ranksBefore(item, $0) } ?? best.count
            best.insert(item, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}
