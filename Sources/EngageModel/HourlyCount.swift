import Foundation

/// One UTC hour of one metric of one post, from an hourly Engagement API grouping
/// (`[tweet.id, engagement.type, engagement.day, engagement.hour]`): the raw material of the
/// "when does the audience engage" signal.
public struct HourlyCount: Sendable, Hashable {
    /// The post.
    public var tweetID: UInt64
    /// The metric counted.
    public var metric: Metric
    /// The first instant of the UTC hour.
    public var hourStartUTC: Date
    /// The count in that hour.
    public var value: Int64

    public init(tweetID: UInt64, metric: Metric, hourStartUTC: Date, value: Int64) {
        self.tweetID = tweetID; self.metric = metric; self.hourStartUTC = hourStartUTC; self.value = value
    }
}
