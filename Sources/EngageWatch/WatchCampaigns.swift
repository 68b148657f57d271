import EngageAnalysis
import EngageConfig
import EngageModel

/// The campaigns of `watch --campaigns FILE`, for rules with a `campaign:` filter. Posts are sorted
/// into them by ``assignCampaigns(posts:definitions:clock:)``, as a report sorts them: a post that
/// matches several campaigns is counted in the first one listed.
public struct WatchCampaigns: Sendable {
    public let definitions: [CampaignDefinition]
    /// The zone of the campaigns' `from`/`to` days.
    public let clock: LocalClock

    /// - Throws: ``CampaignError`` for an empty list or a `text` rule that is not a valid pattern.
    public init(definitions: [CampaignDefinition], clock: LocalClock) throws(CampaignError) {
        _ = try assignCampaigns(posts: [], definitions: definitions, clock: clock)
        self.definitions = definitions; self.clock = clock
    }

    /// The rules whose `campaign:` names no campaign defined here.
    public func rulesNamingUnknownCampaigns(_ rules: [WatchRule]) -> [WatchRule] {
        let names = Set(definitions.map(\.name))
        return rules.filter { rule in rule.campaign.map { !names.contains($0) } ?? false }
    }

    /// `histories` with ``PostHistory/campaign`` set to the campaign each post is counted in.
    func assign(_ histories: [PostHistory]) throws(CampaignError) -> [PostHistory] {
        let posts = histories.map { history in
            Post(id: history.postID, text: history.text, permalink: history.link, postedAt: history.postedAt,
                 timeSource: .snowflake, metrics: history.observations.last?.metrics ?? MetricValues(),
                 origin: SourceLocation(file: "store", line: nil))
        }
        let assignment = try assignCampaigns(posts: posts, definitions: definitions, clock: clock)
        var assigned = histories
        for group in assignment.campaigns {
            for position in group.positions { assigned[position].campaign = group.definition.name }
        }
        return assigned
    }
}
