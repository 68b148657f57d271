import Foundation
import Synchronization

/// One post (tweet) with its counts, as read from an export or an API response.
///
/// Kept small, because a report may hold a million of them (80 bytes each, nothing else on the
/// heap for an unpromoted export row): the text of an export row is not copied but read from the
/// export's bytes when asked for (see ``PostSource``), the link is the export's shared stem plus the
/// id, the counts are packed (``MetricValues``), and the rare promoted counts live in the post's
/// source.
public struct Post: Sendable, Equatable {
    /// The post id (a Snowflake id); never a Double.
    public var id: UInt64
    /// When the post was published (UTC instant).
    public var postedAt: Date
    /// Organic counts (legacy exports) or all counts (content exports, API).
    public var metrics: MetricValues
    /// The file, text and link (shared by an export's posts, or this post's own), and promoted counts.
    private var source: PostSource
    /// Where the text lies in `source`'s bytes (see ``PostSource/TextSpan``); unused for a post's own source.
    private var textSpan: PostSource.TextSpan
    /// 1-based line in the input; -1 when unknown.
    private var line: Int32
    /// Where ``postedAt`` came from.
    public var timeSource: TimeSource
    /// True when the link is `source`'s shared stem followed by the id.
    private var hasSharedLink: Bool

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
                origin: SourceLocation) {
        self.init(id: id, postedAt: postedAt, timeSource: timeSource, metrics: metrics,
                  source: PostSource(file: origin.file, text: text, link: permalink.map { PostLink($0, id: id) },
                                     promoted: promoted),
                  textSpan: .none, line: origin.line, sharedLink: false)
    }

    /// A post whose text is `textSpan` of `source`'s bytes, and whose link, when `sharedLink`, is
    /// `source`'s stem and the id: what export readers make, a million times without a copy.
    /// The promoted counts are `source`'s (see ``PostSource/promoting(_:)``).
    public init(id: UInt64, postedAt: Date, timeSource: TimeSource, metrics: MetricValues,
                source: PostSource, textSpan: PostSource.TextSpan, line: Int?, sharedLink: Bool) {
        self.id = id; self.postedAt = postedAt; self.timeSource = timeSource; self.metrics = metrics
        self.source = source; self.textSpan = textSpan
        self.line = line.map { Int32(clamping: $0) } ?? -1
        self.hasSharedLink = sharedLink
    }

    /// Post text as exported (may be cut near 280 characters by newer exports).
    public var text: String {
        get { source.text(textSpan) }
        set { own(text: newValue, link: link, file: source.file) }
    }

    /// ``permalink`` as stored: see ``PostLink``.
    public var link: PostLink? {
        get { hasSharedLink ? source.link : source.isShared ? nil : source.link }
        set { own(text: text, link: newValue, file: source.file) }
    }

    /// Link to the post on x.com / twitter.com, when the input carries one.
    public var permalink: String? {
        get { link?.url(id: id) }
        set { link = newValue.map { PostLink($0, id: id) } }
    }

    /// The input file and line the post came from (the winning row after merging).
    public var origin: SourceLocation {
        get { SourceLocation(file: source.file, line: line < 0 ? nil : Int(line)) }
        set {
            own(text: text, link: link, file: newValue.file)
            line = newValue.line.map { Int32(clamping: $0) } ?? -1
        }
    }

    /// Promoted counts, only when the input has promoted columns with values for this post.
    public var promoted: MetricValues? {
        get { source.promoted }
        set { source = source.promoting(newValue) }
    }

    /// Gives the post a source of its own (after a change to its text, link or file).
    private mutating func own(text: String, link: PostLink?, file: String) {
        source = PostSource(file: file, text: text, link: link, promoted: promoted)
        textSpan = .none
        hasSharedLink = false
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

    public static func == (a: Post, b: Post) -> Bool {
        a.id == b.id && a.postedAt == b.postedAt && a.timeSource == b.timeSource && a.metrics == b.metrics
            && a.promoted == b.promoted && a.origin == b.origin
            && a.link == b.link && a.text == b.text
    }
}

/// What a post's text, link and file come from: one per export, shared by all its posts, or one
/// post's own; and a post's promoted counts.
///
/// An export's posts keep only where their text lies (a ``TextSpan``) in the export's bytes, which
/// ``TextBytes`` holds (the file stays mapped, its pages handed back to the kernel as they are
/// read), and their links as the export's stem plus the id. A promoted post has a source of its
/// own that shares the export's bytes and stem and adds its promoted counts: most posts are not
/// promoted, and this keeps 8 bytes per post out of every ``Post``.
public final class PostSource: Sendable {
    /// The input file's path as given.
    public let file: String
    /// One post's link, or the stem an export's links share.
    public let link: PostLink?
    /// One post's own text.
    private let ownText: String
    /// An export's bytes; nil for one post's own source.
    private let bytes: TextBytes?
    /// One post's promoted counts; nil for an export's shared source.
    public let promoted: MetricValues?

    /// A post's own source: its file, text, link and promoted counts.
    public convenience init(file: String, text: String, link: PostLink?, promoted: MetricValues? = nil) {
        self.init(file: file, ownText: text, link: link, bytes: nil, promoted: promoted)
    }

    /// An export's source: posts' text spans point into `bytes`; `linkStem` is what their links share.
    public convenience init(file: String, bytes: TextBytes, linkStem: String?) {
        self.init(file: file, ownText: "", link: linkStem.map { PostLink(stem: $0, endsWithID: true) },
                  bytes: bytes, promoted: nil)
    }

    private init(file: String, ownText: String, link: PostLink?, bytes: TextBytes?, promoted: MetricValues?) {
        self.file = file; self.ownText = ownText; self.link = link; self.bytes = bytes; self.promoted = promoted
    }

    /// This source with `promoted` as the counts of the one post that uses it (itself when they are the same).
    public func promoting(_ promoted: MetricValues?) -> PostSource {
        if promoted == self.promoted { return self }
        return PostSource(file: file, ownText: ownText, link: link, bytes: bytes, promoted: promoted)
    }

    /// True for an export's shared source.
    var isShared: Bool { bytes != nil }

    /// The text of a post with `span`.
    func text(_ span: TextSpan) -> String {
        guard let bytes else { return ownText }
        return bytes.text(span)
    }

    /// A post's text in its export: offset, length and whether doubled quotes must be undone,
    /// in 64 bits (offsets below 1 TiB, lengths below 8 MiB; longer texts are kept as a post's own).
    public struct TextSpan: Sendable, Equatable {
        let bits: UInt64

        /// No span: the source's own text.
        public static let none = TextSpan(bits: 0)

        /// The span of `length` bytes at `offset`, or nil when it does not fit in 64 bits.
        public init?(offset: Int, length: Int, doubledQuotes: Bool) {
            guard offset >= 0, offset < 1 << 40, length >= 0, length < 1 << 23 else { return nil }
            bits = UInt64(offset) << 24 | UInt64(length) << 1 | (doubledQuotes ? 1 : 0)
        }

        private init(bits: UInt64) { self.bits = bits }

        var offset: Int { Int(bits >> 24) }
        var length: Int { Int(bits >> 1) & (1 << 23 - 1) }
        var doubledQuotes: Bool { bits & 1 != 0 }
    }

    /// The bytes an export's texts are read from, with the reader's own decoding (quotes,
    /// entities, line breaks). `release` lets the file's pages go; it is called after every
    /// ``releaseStride`` bytes read, so reading every text never holds the whole file in memory.
    public final class TextBytes: @unchecked Sendable {
        // @unchecked: the bytes are immutable while `owner` lives; `sinceRelease` is atomic.
        private let bytes: UnsafeBufferPointer<UInt8>
        private let owner: AnyObject & Sendable
        private let decode: @Sendable (UnsafeBufferPointer<UInt8>, _ doubledQuotes: Bool) -> String
        private let release: @Sendable () -> Void
        private let sinceRelease = Atomic<Int>(0)

        /// Bytes read between two calls of `release`.
        public static let releaseStride = 32 << 20

        /// `bytes` stay valid while `owner` lives.
        public init(_ bytes: UnsafeBufferPointer<UInt8>, owner: AnyObject & Sendable,
                    decode: @escaping @Sendable (UnsafeBufferPointer<UInt8>, _ doubledQuotes: Bool) -> String,
                    release: @escaping @Sendable () -> Void) {
            self.bytes = bytes; self.owner = owner; self.decode = decode; self.release = release
        }

        func text(_ span: TextSpan) -> String {
            let end = min(bytes.count, span.offset + span.length)
            let start = min(span.offset, end)
            let text = withExtendedLifetime(owner) {
                decode(UnsafeBufferPointer(rebasing: bytes[start..<end]), span.doubledQuotes)
            }
            // Counts pages rather than bytes: a short text still touches a page.
            let read = sinceRelease.add(end - start + 4096, ordering: .relaxed).newValue
            if read >= Self.releaseStride, sinceRelease.compareExchange(expected: read, desired: 0, ordering: .relaxed).exchanged {
                release()
            }
            return text
        }
    }
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
