import Foundation

/// Everything read from the inputs of one run, merged: the single value Analysis works on.
public struct Dataset: Sendable {
    /// Posts, one per id, sorted by posting time (oldest first), ties by id.
    public var posts: [Post]
    /// Daily totals from legacy daily or account overview exports, one per day, oldest first.
    public var daily: [DailyRow]
    /// The inputs read, in command-line order.
    public var inputs: [InputFile]
    /// Every skipped row, merge and odd value.
    public var issues: [DataIssue]
    /// The account handle when the inputs reveal it (file name or permalinks), without `@`.
    public var handle: String?
    /// Hourly counts from saved or fetched Engagement API responses, one per (post, metric, hour).
    public var hourly: [HourlyCount]
    /// The posting times each per-post input spans (before merging), in command-line order: the
    /// days between a file's first and last post are covered by it, those outside are not.
    public var postSpans: [PostSpan]
    /// True when the posts and days are an account's history read from a store: what lies
    /// outside a report's period is kept history there, not input left out of the report.
    public var isHistory = false

    public init(posts: [Post] = [], daily: [DailyRow] = [], inputs: [InputFile] = [],
                issues: [DataIssue] = [], handle: String? = nil, hourly: [HourlyCount] = [], postSpans: [PostSpan]? = nil) {
        self.posts = posts; self.daily = daily; self.inputs = inputs; self.issues = issues; self.handle = handle
        self.hourly = hourly
        self.postSpans = postSpans ?? PostSpan.spans(of: posts)
    }

    /// The metrics present on at least one post.
    public var postMetrics: [Metric] {
        var all = MetricValues()
        for p in posts { all.add(p.metrics) }
        return all.presentMetrics
    }
}

/// One input as read: what it was detected as and how much of it was used.
public struct InputFile: Sendable, Codable, Equatable {
    /// Path as given.
    public var path: String
    /// Human name of the detected variant, e.g. `legacy per-post export (en, likes)`.
    public var variant: String
    /// Encoding and layout detected, e.g. `UTF-8 with BOM, ',' separated, CRLF`.
    public var encoding: String
    /// Records accepted (posts or days).
    public var rows: Int
    /// Records not accepted.
    public var skipped: Int
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    /// Size in bytes.
    public var bytes: Int

    public init(path: String, variant: String, encoding: String, rows: Int, skipped: Int, sha256: String, bytes: Int) {
        self.path = path; self.variant = variant; self.encoding = encoding; self.rows = rows
        self.skipped = skipped; self.sha256 = sha256; self.bytes = bytes
    }
}
