import Foundation
import EngageModel
import EngageIngest

/// What an Engagement API fetch produced, merged over batches and windows.
public struct EngagementResult: Sendable {
    /// Per post totals, summed over windows (windows never overlap, so no hour counts twice).
    public var totals: [UInt64: MetricValues] = [:]
    /// Hourly points, sorted by post, metric, hour; each (post, metric, hour) at most once.
    public var hourly: HourlySeriesPoints = []
    /// Per post issues (unavailable, unsupported, forbidden) and request-level errors, deduplicated.
    public var issues: [DataIssue] = []
    /// Requests planned (batches × windows), before any forbidden-id re-send or retry.
    public var plannedRequests: Int = 0
    /// The id counts of every request body sent successfully, in order (for checks and progress).
    public var batchSizes: [Int] = []

    public init() {}

    /// The posts, oldest first: time from the Snowflake id, no text, origin `source`.
    /// Pre-Snowflake ids (no time) are left out and listed in ``issues`` by the reader instead.
    public func posts(source: String) -> [Post] {
        totals.compactMap { id, values -> Post? in
            guard let date = Snowflake.date(of: id) else { return nil }
            return Post(id: id, text: "", postedAt: date, timeSource: .snowflake, metrics: values,
                        origin: SourceLocation(file: source, line: nil))
        }.sorted { ($0.postedAt, $0.id) < ($1.postedAt, $1.id) }
    }
}
