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

        var metric: Metric {
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
            var entries: [Entry] = []
            var note: String?
            if ranking == .engagementRate {
                guard posts.contains(where: { $0.metrics.has(.impressions) && $0.metrics.has(.engagements) }) else { continue }
                var eligible = 0
                for p in posts {
                    guard let x = p.metrics[.impressions], x >= max(1, minimumImpressions), let rate = p.engagementRate else { continue }
                    eligible += 1
                    entries.append(Entry(post: p, value: rate))
                }
                note = "posts with at least \(minimumImpressions) impressions (\(eligible) of \(posts.count))"
            } else {
                guard posts.contains(where: { $0.metrics.has(ranking.metric) }) else { continue }
                entries = posts.compactMap { p in p.metrics[ranking.metric].map { Entry(post: p, value: Double($0)) } }
            }
            entries.sort { $0.value != $1.value ? $0.value > $1.value : $0.post.id < $1.post.id }
            lists.append(List(ranking: ranking, entries: Array(entries.prefix(max(0, count))),
                              minimumImpressions: ranking == .engagementRate ? minimumImpressions : nil, note: note))
        }
        return lists
    }
}
