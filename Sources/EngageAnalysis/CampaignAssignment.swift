import EngageModel

/// Posts sorted into campaigns: what `assignCampaigns` and `campaignsByHashtag` return and
/// `analyzeCampaigns` reads.
public struct CampaignAssignment: Sendable {
    /// One campaign and the posts counted in it.
    public struct Group: Sendable {
        /// The campaign's definition.
        public var definition: CampaignDefinition
        /// ``positions`` in 32 bits: 4 bytes per post at a million posts.
        private var storedPositions: [UInt32]
        /// The posts the assignment was made from: shared by every group, never copied.
        private let all: [Post]

        /// Where its posts are in the posts the assignment was made from, in input order.
        public var positions: some RandomAccessCollection<Int> { storedPositions.lazy.map { Int($0) } }

        /// Its posts, in input order (read through ``positions``: a million posts are not copied).
        public var posts: some RandomAccessCollection<Post> { storedPositions.lazy.map { [all] in all[Int($0)] } }

        /// A group of exactly `posts`.
        public init(definition: CampaignDefinition, posts: [Post]) {
            self.init(definition: definition, in: posts)
            storedPositions = posts.indices.map { UInt32($0) }
        }

        /// An empty group of posts from `all`.
        init(definition: CampaignDefinition, in all: [Post]) {
            self.definition = definition; self.storedPositions = []; self.all = all
        }

        /// Counts the post at `position` in this campaign.
        mutating func add(position: Int) { storedPositions.append(UInt32(position)) }
    }

    /// Campaigns in definition order (for `campaignsByHashtag`: most posts first).
    public var campaigns: [Group]
    /// Ids of the posts that match no campaign, in input order; left out of every test.
    public var unassignedIDs: [UInt64]
    /// Posts that matched more than one campaign (each counted in the first one listed).
    public var issues: [DataIssue]
    /// Campaigns that match no post, in plain words naming the campaign and its line.
    public var warnings: [String]

    /// Creates an assignment.
    public init(campaigns: [Group], unassignedIDs: [UInt64] = [], issues: [DataIssue] = [], warnings: [String] = []) {
        self.campaigns = campaigns; self.unassignedIDs = unassignedIDs; self.issues = issues; self.warnings = warnings
    }
}

/// Sorts posts into the user's campaigns.
///
/// Each post is tested against every definition (see ``CampaignDefinition`` for the rules; dates are
/// local days by `clock`). A post matching several campaigns is counted in the first one listed and
/// reported as a `DataIssue` (kind `.warning`) naming all of them. Posts matching none are
/// ``CampaignAssignment/unassignedIDs``. A campaign that matches nothing gives a warning.
///
/// - Throws: ``CampaignError/invalidPattern(campaign:pattern:line:)`` for a bad `text` rule,
///   ``CampaignError/noCampaigns`` for an empty list.
public func assignCampaigns(posts: [Post], definitions: [CampaignDefinition],
                            clock: LocalClock) throws(CampaignError) -> CampaignAssignment {
    guard !definitions.isEmpty else { throw .noCampaigns }
    var compiled: [CompiledCampaign] = []
    for definition in definitions { compiled.append(try CompiledCampaign(definition)) }
    var groups = definitions.map { CampaignAssignment.Group(definition: $0, in: posts) }
    var unassigned: [UInt64] = []
    var issues: [DataIssue] = []
    // Local days only matter to definitions with dates; time-zone arithmetic is skipped otherwise.
    let needsDay = definitions.contains { $0.from != nil || $0.to != nil }
    for (position, post) in posts.enumerated() {
        let tags = Hashtags.extract(from: post.text)
        let day = needsDay ? clock.local(post.postedAt).day : nil
        let matching = compiled.indices.filter { compiled[$0].matches(post, postTags: tags, day: day) }
        guard let first = matching.first else { unassigned.append(post.id); continue }
        groups[first].add(position: position)
        if matching.count > 1 {
            let names = matching.map { definitions[$0].name }
            issues.append(DataIssue(.warning, at: post.origin, postID: post.id,
                                    reason: "post matches campaigns \(names.joined(separator: ", ")); counted in \(names[0]) (listed first)"))
        }
    }
    let warnings = groups.filter(\.posts.isEmpty).map { "\($0.definition.label) matches no post" }
    return CampaignAssignment(campaigns: groups, unassignedIDs: unassigned, issues: issues, warnings: warnings)
}

/// Forms campaigns from the hashtags that occur (`--campaign-by hashtag`).
///
/// Rule: every hashtag (compared case-insensitively) used by at least `minimumPosts` posts becomes a
/// campaign named after its most frequent spelling with `#` (ties: first seen). A post carrying
/// several such hashtags is counted in the one that appears first in its text and reported as a
/// `DataIssue`. Campaigns are ordered by number of posts, most first, ties by name; none is marked
/// control (``analyzeCampaigns(_:options:)`` then uses the first, i.e. the largest, unless told).
/// Posts with no qualifying hashtag are unassigned.
///
/// - Parameter minimumPosts: posts a hashtag needs to become a campaign. Default 5.
public func campaignsByHashtag(posts: [Post], minimumPosts: Int = 5) -> CampaignAssignment {
    var postCounts: [String: Int] = [:]
    var spellings: [String: [String: Int]] = [:]
    var firstSeen: [String: Int] = [:]
    var order = 0
    for post in posts {
        var seen = Set<String>()
        for spelled in Hashtags.extractSpelled(from: post.text) {
            let tag = spelled.lowercased()
            spellings[tag, default: [:]][spelled, default: 0] += 1
            if firstSeen[spelled] == nil { firstSeen[spelled] = order; order += 1 }
            if seen.insert(tag).inserted { postCounts[tag, default: 0] += 1 }
        }
    }
    let qualifying = postCounts.filter { $0.value >= max(1, minimumPosts) }
    func displayName(_ tag: String) -> String {
        let options = spellings[tag] ?? [:]
        let best = options.max { a, b in
            a.value != b.value ? a.value < b.value : (firstSeen[a.key] ?? 0) > (firstSeen[b.key] ?? 0)
        }
        return "#" + (best?.key ?? tag)
    }
    let tags = qualifying.keys.sorted {
        qualifying[$0]! != qualifying[$1]! ? qualifying[$0]! > qualifying[$1]! : $0 < $1
    }
    let index = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1, $0) })
    var groups = tags.map {
        CampaignAssignment.Group(definition: CampaignDefinition(name: displayName($0), hashtags: [$0]), in: posts)
    }
    var unassigned: [UInt64] = []
    var issues: [DataIssue] = []
    for (position, post) in posts.enumerated() {
        var matched: [Int] = []
        for tag in Hashtags.extract(from: post.text) {
            if let i = index[tag], !matched.contains(i) { matched.append(i) }
        }
        guard let first = matched.first else { unassigned.append(post.id); continue }
        groups[first].add(position: position)
        if matched.count > 1 {
            let names = matched.map { groups[$0].definition.name }
            issues.append(DataIssue(.warning, at: post.origin, postID: post.id,
                                    reason: "post carries campaign hashtags \(names.joined(separator: ", ")); counted in \(names[0]) (first in its text)"))
        }
    }
    return CampaignAssignment(campaigns: groups, unassignedIDs: unassigned, issues: issues)
}
