import EngageModel
import Foundation

/// One rule of `engage watch`: when a post's counts cross a threshold, notify.
///
/// ```yaml
/// rules:
///   - name: popular
///     when: "likes >= 100"                 # a count
///   - name: fast-start
///     when: "engagements >= 50 within 2h"  # a velocity: reached within 2 hours of posting
///   - name: resonating
///     when: "engagement_rate > 5%"         # a rate, after min_impressions (default 100)
///   - name: top-decile
///     when: "engagement_rate > p90"        # above the account's own 90th percentile
///     kind: post                           # filters: kind (post, reply), hashtag, campaign
///   - name: launch-takes-off
///     when: "likes >= 50"
///     campaign: spring-launch              # a campaign of watch --campaigns FILE
///     notify: [stdout, {webhook: "$SLACK_WEBHOOK_URL"}, {eml: alerts/}, {command: ./promote.sh}]
/// ```
public struct WatchRule: Sendable, Equatable {
    /// Unique within the file; with the post id, what makes an alert unique.
    public var name: String
    /// What is compared.
    public var measure: Measure
    /// `>=` or `>`.
    public var strict: Bool
    /// The value to cross.
    public var threshold: Threshold
    /// A velocity rule: the threshold must be reached at most this long after posting.
    public var within: TimeInterval?
    /// Only posts of this kind (`post` or `reply`).
    public var kind: String?
    /// Only posts whose text holds this hashtag (with `#`, any case).
    public var hashtag: String?
    /// Only posts counted in this campaign of the campaigns file given to `watch` (as a report
    /// counts them: a post matching several campaigns is in the first one listed).
    public var campaign: String?
    /// Rates are judged only from this many impressions on.
    public var minimumImpressions: Int64
    /// Where alerts go.
    public var notify: [Action]
    /// Line of the rule in its file.
    public var line: Int?

    /// A count (`likes`) or a count per impression (`engagement_rate`, `url_clicks_rate`).
    public enum Measure: Sendable, Equatable {
        case count(Metric)
        case rate(Metric)

        /// The key as alerts name it: `likes`, `engagement_rate`, `url_clicks_rate`.
        public var key: String {
            switch self {
            case .count(let metric): metric.key
            case .rate(.engagements): "engagement_rate"
            case .rate(let metric): metric.key + "_rate"
            }
        }
    }

    /// A fixed value, or the account's own percentile of the measure (rates only).
    public enum Threshold: Sendable, Equatable {
        case value(Double)
        case percentile(Int)
    }

    /// Where an alert is sent. Targets may name environment variables (`$SLACK_WEBHOOK_URL`),
    /// so that a webhook's secret URL need not be written in the rules file.
    public enum Action: Sendable, Equatable {
        /// A JSON line on stdout.
        case stdout
        /// A POST of a JSON body Slack and Teams incoming webhooks accept.
        case webhook(String)
        /// An `.eml` file into a folder, addressed to `to` when given.
        case eml(folder: String, to: String?)
        /// A shell command run with the alert's JSON on stdin.
        case command(String)

        /// The action's kind and target as the store's outbox keeps them.
        public var stored: (kind: String, target: String) {
            switch self {
            case .stdout: ("stdout", "")
            case .webhook(let url): ("webhook", url)
            case .eml(let folder, let to): ("eml", to.map { folder + "\n" + $0 } ?? folder)
            case .command(let command): ("command", command)
            }
        }
    }

    public init(name: String, measure: Measure, strict: Bool, threshold: Threshold, within: TimeInterval? = nil,
                kind: String? = nil, hashtag: String? = nil, campaign: String? = nil, minimumImpressions: Int64 = 100,
                notify: [Action] = [.stdout], line: Int? = nil) {
        self.name = name; self.measure = measure; self.strict = strict; self.threshold = threshold; self.within = within
        self.kind = kind; self.hashtag = hashtag; self.campaign = campaign; self.minimumImpressions = minimumImpressions
        self.notify = notify; self.line = line
    }
}
