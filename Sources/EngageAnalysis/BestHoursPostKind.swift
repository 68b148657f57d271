import EngageModel

/// What was posted, as far as the input shows it: reply or original, with media or not, with a
/// link or not. Used by the optional adjustment of the best-hour analysis.
///
/// - reply: the text starts with `@`;
/// - media: `media_views` > 0 or `media_engagements` > 0 (only judged when the input carries
///   either column for some post; otherwise every post counts as "no media");
/// - link: the text contains `http://` or `https://`.
public struct BestHoursPostKind: Sendable, Hashable {
    /// Text starts with "@".
    public var isReply: Bool
    /// Media views or media engagements above zero.
    public var hasMedia: Bool
    /// Text contains a URL.
    public var hasLink: Bool

    /// Classifies a post.
    public init(of post: Post) {
        let text = post.text  // decoded from the export once
        isReply = text.hasPrefix("@")
        hasMedia = post.metrics.count(.mediaViews) > 0 || post.metrics.count(.mediaEngagements) > 0
        hasLink = Self.containsURL(text)
    }

    /// The kind in three bits (reply, media, link), as observations store it.
    var bits: UInt8 { (isReply ? 1 : 0) | (hasMedia ? 2 : 0) | (hasLink ? 4 : 0) }

    /// The kind stored as ``bits``.
    init(bits: UInt8) {
        isReply = bits & 1 != 0; hasMedia = bits & 2 != 0; hasLink = bits & 4 != 0
    }

    /// True when `text` contains `http://` or `https://`; a byte scan (Foundation's `contains`
    /// goes through NSString and dominated the analysis of a million posts).
    static func containsURL(_ text: String) -> Bool {
        var text = text
        text.makeContiguousUTF8()  // a no-op for native strings
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let n = bytes.count
            var i = 0
            while i + 7 <= n {
                if bytes[i] == 0x68, bytes[i + 1] == 0x74, bytes[i + 2] == 0x74, bytes[i + 3] == 0x70 {  // "http"
                    var j = i + 4
                    if bytes[j] == 0x73 { j += 1 }  // "s"
                    if j + 3 <= n, bytes[j] == 0x3A, bytes[j + 1] == 0x2F, bytes[j + 2] == 0x2F { return true }  // "://"
                }
                i += 1
            }
            return false
        } ?? false
    }
}

/// The post-kind adjustment: each post's events are rescaled by baseline ÷ its kind's rate, so
/// that a slot is compared on observed ÷ expected given the kinds of posts published in it.
///
/// Per-impression objectives: kind rate ρ_k = Σy ÷ Σx over the kind's posts; the adjusted events of
/// post i are xᵢ · min(1, rᵢ · p₀ / ρ_k) (a kind with ρ_k = 0 leaves its posts at p₀: they say
/// nothing about the slot). Summed over a slot this is p₀ · observed ÷ expected, and over all
/// posts it equals Σy (without the clamp at 1). Per-post objectives use mean events per post of
/// the kind in the same way. The kind rates are not shrunk: a rare kind simply moves its few posts
/// toward the baseline.
enum BestHoursKindAdjustment {
    /// Returns adjusted events per observation and the note describing what was adjusted for.
    static func adjust(_ obs: BestHoursObservations, perImpression: Bool) -> (events: [Double], note: String) {
        var groups: [BestHoursPostKind: (x: Double, y: Double, n: Double)] = [:]
        for o in obs {
            groups[o.kind!, default: (0, 0, 0)].x += o.x
            groups[o.kind!, default: (0, 0, 0)].y += o.y
            groups[o.kind!, default: (0, 0, 0)].n += 1
        }
        let totalX = obs.reduce(0) { $0 + $1.x }, totalY = obs.reduce(0) { $0 + $1.y }
        let baseline = perImpression ? (totalX > 0 ? totalY / totalX : 0) : (obs.isEmpty ? 0 : totalY / Double(obs.count))
        let events = obs.map { o -> Double in
            let g = groups[o.kind!]!
            let kindRate = perImpression ? (g.x > 0 ? g.y / g.x : 0) : g.y / g.n
            if perImpression {
                guard o.x > 0 else { return 0 }
                guard kindRate > 0 else { return o.x * baseline }
                return o.x * min(1, (o.y / o.x) * baseline / kindRate)
            }
            guard kindRate > 0 else { return baseline }
            return o.y * baseline / kindRate
        }
        var dims: [String] = []
        let kinds = Set(obs.lazy.map { $0.kind! })
        if Set(kinds.map(\.isReply)).count > 1 { dims.append("replies vs original posts") }
        if Set(kinds.map(\.hasMedia)).count > 1 { dims.append("with or without media") }
        if Set(kinds.map(\.hasLink)).count > 1 { dims.append("with or without a link") }
        let note = dims.isEmpty
            ? "Adjustment for post kind requested, but all posts are of one kind; nothing to adjust."
            : "Slot estimates are adjusted for what was posted (\(dims.joined(separator: ", "))): each slot is compared on observed ÷ expected for its mix of posts; raw rates are unadjusted."
        return (events, note)
    }
}
