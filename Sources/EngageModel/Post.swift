import Foundation

/// One post (tweet) with its counts, as read from an export or an API response.
public struct Post: Sendable, Equatable {
    /// The post id (a Snowflake id); never a Double.
    public var id: UInt64
    /// Post text as exported (may be cut near 280 characters by newer exports).
    public var text: String
    /// Link to the post on x.com / twitter.com, when the input carries one.
    public var permalink: String? {
        get { link?.url(id: id) }
        set { link = newValue.map { PostLink($0, id: id) } }
    }
    /// ``permalink`` as stored: see ``PostLink``.
    public var link: PostLink?
    /// When the post was published (UTC instant).
    public var postedAt: Date
    /// Where ``postedAt`` came from.
    public var timeSource: TimeSource
    /// Organic counts (legacy exports) or all counts (content exports, API).
    public var metrics: MetricValues
    /// Promoted counts, only when the input has promoted columns with values for this post.
    public var promoted: MetricValues? {
        get { promotedStorage.first }
        set { promotedStorage = newValue.map { [$0] } ?? [] }
    }
    /// Holds ``promoted`` out of line (8 bytes instead of 232 in every post): most accounts
    /// promote nothing, and a million posts then weigh ~230 MB less.
    private var promotedStorage: [MetricValues] = []
    /// The engagement rate the export itself reported, kept for reference; engage recomputes it.
    public var reportedEngagementRate: Double?
    /// The input file and line the post came from (the winning row after merging).
    public var origin: SourceLocation

    /// How a posting time was obtained.
    public enum TimeSource: String, Sendable, Codable {
        /// The export's `time` column (minute precision).
        case timeColumn = "time column"
        /// Decoded from the Snowflake post id (millisecond precision).
        case snowflake = "post id"
        /// An API response's `created_at`.
        case apiCreatedAt = "created_at"
    }

    public init(id: UInt64, text: String, permalink: String? = nil, postedAt: Date,
                timeSource: TimeSource, metrics: MetricValues, promoted: MetricValues? = nil,
                reportedEngagementRate: Double? = nil, origin: SourceLocation) {
        self.id = id; self.text = text; self.link = permalink.map { PostLink($0, id: id) }; self.postedAt = postedAt
        self.timeSource = timeSource; self.metrics = metrics; self.promotedStorage = promoted.map { [$0] } ?? []
        self.reportedEngagementRate = reportedEngagementRate; self.origin = origin
    }

    /// Engagements ÷ impressions; `nil` when impressions are zero or absent (never NaN).
    public var engagementRate: Double? { rate(of: .engagements) }

    /// `metric` ÷ impressions; `nil` when impressions are zero or either count is absent.
    public func rate(of metric: Metric) -> Double? {
        guard let x = metrics[.impressions], x > 0, let y = metrics[metric] else { return nil }
        return Double(y) / Double(x)
    }

    /// True when promoted counts are present.
    public var isPromoted: Bool { promoted.map { !$0.isEmpty } ?? false }
}

/// A post's link as stored. Export links end with the post id (`https://twitter.com/<handle>/status/<id>`):
/// such a link is kept as the part before the id, one string that all posts of an export share, so
/// that a million posts do not each hold their own copy (100 MB at a million posts).
public struct PostLink: Sendable, Equatable {
    /// The link before the id when ``endsWithID``, else the whole link.
    public let stem: String
    /// Whether the post id follows ``stem``.
    public let endsWithID: Bool

    /// `url` stored for the post `id`: split before the id when `url` ends with it.
    public init(_ url: String, id: UInt64) {
        let digits = String(id).utf8, bytes = url.utf8
        if bytes.count > digits.count, bytes.suffix(digits.count).elementsEqual(digits) {
            self.init(stem: String(decoding: bytes.dropLast(digits.count), as: UTF8.self), endsWithID: true)
        } else {
            self.init(stem: url, endsWithID: false)
        }
    }

    /// A link from its parts; callers that already share `stem` between posts use this.
    public init(stem: String, endsWithID: Bool) {
        self.stem = stem
        self.endsWithID = endsWithID
    }

    /// The whole link of the post `id`.
    public func url(id: UInt64) -> String { endsWithID ? stem + String(id) : stem }
}

/// A day's totals from a daily export (legacy daily or account overview).
public struct DailyRow: Sendable, Equatable {
    /// The calendar day as the export states it.
    public var day: CalendarDay
    /// The counts of that day.
    public var metrics: MetricValues
    /// Promoted counts, when the export has them.
    public var promoted: MetricValues?
    /// The input file and line.
    public var origin: SourceLocation

    public init(day: CalendarDay, metrics: MetricValues, promoted: MetricValues? = nil, origin: SourceLocation) {
        self.day = day; self.metrics = metrics; self.promoted = promoted; self.origin = origin
    }
}

/// A position in an input: file path and 1-based physical line.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Path as given on the command line.
    public var file: String
    /// 1-based physical line where the record starts; `nil` for whole-file facts or JSON inputs.
    public var line: Int?

    public init(file: String, line: Int?) { self.file = file; self.line = line }

    /// `file line N`, or just `file`.
    public var description: String { line.map { "\(file) line \($0)" } ?? file }
}
