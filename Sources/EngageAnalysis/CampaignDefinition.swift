import EngageModel
import Foundation

/// One campaign as the user defines it (`--campaigns FILE`): a name, whether it is the control,
/// and rules that select its posts.
///
/// A post belongs to the campaign when its local posting day lies in `from`…`to` (each optional,
/// inclusive) and, if any selector is given, at least one selector matches: one of `hashtags`
/// (whole tags, case-insensitive), the `textPattern` regular expression (searched anywhere in the
/// text), or `ids`. A campaign with only `from`/`to` takes every post in its window.
///
/// ```swift
/// CampaignDefinition(name: "spring-b", hashtags: ["#springB"], from: CalendarDay(iso: "2024-03-01"))
/// ```
public struct CampaignDefinition: Sendable, Hashable {
    /// Campaign name as shown in reports; unique within a run.
    public var name: String
    /// True for the campaign every other one is compared with. Default false.
    public var isControl: Bool
    /// Hashtags, any of which selects a post (with or without `#`). Default none.
    public var hashtags: [String]
    /// A regular expression (NSRegularExpression syntax) searched in the post text. Default none.
    public var textPattern: String?
    /// Post ids selected explicitly. Default none.
    public var ids: [UInt64]
    /// First local day (inclusive), if limited.
    public var from: CalendarDay?
    /// Last local day (inclusive), if limited.
    public var to: CalendarDay?
    /// Line of the definition in the campaigns file, for messages; `nil` when not from a file.
    public var sourceLine: Int?

    /// Creates a definition; every rule defaults to "not given".
    public init(name: String, isControl: Bool = false, hashtags: [String] = [], textPattern: String? = nil,
                ids: [UInt64] = [], from: CalendarDay? = nil, to: CalendarDay? = nil, sourceLine: Int? = nil) {
        self.name = name; self.isControl = isControl; self.hashtags = hashtags; self.textPattern = textPattern
        self.ids = ids; self.from = from; self.to = to; self.sourceLine = sourceLine
    }

    /// `campaign spring-b (line 7)` or `campaign spring-b`.
    var label: String { sourceLine.map { "campaign \(name) (line \($0))" } ?? "campaign \(name)" }
}

/// A problem with campaign definitions or options that stops the comparison.
public enum CampaignError: Error, Equatable, CustomStringConvertible {
    /// The `text` rule of a campaign is not a valid regular expression.
    case invalidPattern(campaign: String, pattern: String, line: Int?)
    /// `--control NAME` names no defined campaign.
    case unknownControl(name: String, available: [String])
    /// No campaign definitions were given.
    case noCampaigns
    /// The chosen metric cannot be used as a rate per impression.
    case unsupportedMetric(Metric)

    /// Plain-words message naming the campaign and line.
    public var description: String {
        switch self {
        case let .invalidPattern(campaign, pattern, line):
            "\(line.map { "line \($0): " } ?? "")campaign \(campaign): not a valid regular expression: \(pattern)"
        case let .unknownControl(name, available):
            "no campaign named \(name) to use as control (campaigns: \(available.joined(separator: ", ")))"
        case .noCampaigns:
            "no campaigns defined"
        case let .unsupportedMetric(metric):
            "\(metric.key) is not a per-impression campaign metric (use one of: \(CampaignMetric.supported.map(\.key).joined(separator: ", ")))"
        }
    }
}

/// A definition prepared for matching: normalized tags, compiled pattern, id set.
/// A class, so that testing a million posts against it does not copy it each time.
final class CompiledCampaign {
    let definition: CampaignDefinition
    let tags: Set<String>
    let regex: NSRegularExpression?
    let ids: Set<UInt64>

    init(_ definition: CampaignDefinition) throws(CampaignError) {
        self.definition = definition
        tags = Set(definition.hashtags.map(Hashtags.normalize).filter { !$0.isEmpty })
        ids = Set(definition.ids)
        if let pattern = definition.textPattern {
            do { regex = try NSRegularExpression(pattern: pattern) } catch {
                throw .invalidPattern(campaign: definition.name, pattern: pattern, line: definition.sourceLine)
            }
        } else {
            regex = nil
        }
    }

    var hasSelectors: Bool { !tags.isEmpty || regex != nil || !ids.isEmpty }

    /// True when `post` (with its hashtags and local day) falls under this campaign; `day` may be
    /// nil only when the definition has no dates.
    func matches(_ post: Post, postTags: [String], day: CalendarDay?) -> Bool {
        if let from = definition.from, let day, day < from { return false }
        if let to = definition.to, let day, day > to { return false }
        guard hasSelectors else { return true }
        if ids.contains(post.id) { return true }
        if !tags.isEmpty && postTags.contains(where: tags.contains) { return true }
        if let regex {
            let text = post.text  // decoded from the export once
            if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { return true }
        }
        return false
    }
}
