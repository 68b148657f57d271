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

/// The post-kind adjustment: each post's rate is rescaled by baseline ÷ its kind's rate, so that a
/// slot is compared on observed ÷ expected given the kinds of posts published in it.
///
/// Per-impression objectives, on the scale the slots are compared on: with eᵢ the effective
/// impressions of a fit to the unadjusted posts, the kind rate m_k = Σeᵢrᵢ ÷ Σeᵢ over the kind's
/// posts and the baseline p̄ = Σeᵢrᵢ ÷ Σeᵢ over all; post i's adjusted events are
/// xᵢ · min(1, rᵢ · p̄ / m_k) (a kind with m_k = 0 leaves its posts at p̄: they say nothing about the
/// slot). Every kind then has the same eᵢ-weighted mean rate p̄. A ratio of sums per kind would not
/// do: replies are small posts, so their mean rate stands further above their ratio of sums than
/// original posts' does, and the evening of a reply-heavy account kept half its advantage.
/// Per-post objectives use mean events per post of the kind in the same way. The kind rates are not
/// shrunk: a rare kind simply moves its few posts toward the baseline.
enum BestHoursKindAdjustment {
    /// Returns adjusted events per observation and the note describing what was adjusted for
    /// (`nil` when all posts are of one kind: nothing changes); `weight` gives a post's effective
    /// impressions from its impressions (per-impression objectives).
    static func adjust(_ obs: BestHoursObservations, perImpression: Bool,
                       weight: (Double) -> Double) -> (events: [Double], note: String?) {
        // Per kind: Σ weight, Σ weight × value, where value is the rate (or count) and weight eᵢ (or 1).
        var groups: [BestHoursPostKind: (w: Double, wv: Double)] = [:]
        var total = (w: 0.0, wv: 0.0)
        for o in obs where !perImpression || o.x > 0 {
            let w = perImpression ? weight(o.x) : 1
            let v = perImpression ? min(1, o.y / o.x) : o.y
            groups[o.kind!, default: (0, 0)].w += w
            groups[o.kind!, default: (0, 0)].wv += w * v
            total.w += w; total.wv += w * v
        }
        let baseline = total.w > 0 ? total.wv / total.w : 0
        let events = obs.map { o -> Double in
            let g = groups[o.kind!] ?? (0, 0)
            let kindRate = g.w > 0 ? g.wv / g.w : 0
            if perImpression {
                guard o.x > 0 else { return 0 }
                guard kindRate > 0 else { return o.x * baseline }
                return o.x * min(1, min(1, o.y / o.x) * baseline / kindRate)
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
            ? nil
            : "Slot estimates are adjusted for what was posted (\(dims.joined(separator: ", "))): each slot is compared on observed ÷ expected for its mix of posts; raw rates are unadjusted."
        return (events, note)
    }
}
