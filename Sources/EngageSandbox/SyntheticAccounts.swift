import Foundation
import EngageModel
import EngageAPI
import EngageIngest

/// A synthetic post of the sandbox.
public struct SandboxPost: Sendable {
    /// Snowflake id encoding ``postedAt``.
    public var id: UInt64
    /// Author's user id.
    public var authorID: UInt64
    /// Posting instant.
    public var postedAt: Date
    /// Text.
    public var text: String
    /// Whether a video is attached (video views, media metrics, playback quartiles).
    public var hasVideo: Bool
    /// Impressions in the first hour; later hours decay.
    var base: Double
}

/// A synthetic account.
public struct SandboxAccount: Sendable {
    /// User id.
    public var id: UInt64
    /// Handle without `@`.
    public var username: String
    /// Display name.
    public var name: String
    /// Posts, oldest first.
    public var posts: [SandboxPost]
}

/// Deterministic synthetic data: the same seed gives the same accounts, posts and counts.
///
/// Accounts: `sandbox_brand` (user 1000001, 300 posts), `sandbox_small` (1000002, 40 posts), both
/// owned by the sandbox access token, and `sandbox_other` (1000003, 20 posts) whose posts are
/// forbidden to it. Posts fall between 2026-06-01 and 2026-11-01 UTC. Each post is active for
/// 168 hours; every hourly count is a pure function of (seed, post, type, hour), so any window sums
/// consistently with any split of it.
///
/// With `liveSince`, a fourth account, `sandbox_live` (1000004, owned), has eight quiet posts
/// made in the 80 minutes before that instant (under 100 likes in their whole week) and one
/// planted post 5 minutes before it that gathers about 40 likes in its first hour and crosses
/// 100 in its third or fourth: against a data clock that runs fast (`engage sandbox --speed 1800`:
/// an hour every two seconds), its counts grow poll after poll and cross `likes >= 100` within
/// seconds, which is what `make demo-watch` shows. (Their ids, and so their counts, depend on
/// `liveSince` as well as the seed.)
public struct SyntheticAccounts: Sendable {
    /// The accounts.
    public let accounts: [SandboxAccount]
    let seed: UInt64
    let byID: [UInt64: SandboxPost]

    /// First instant of the posting range, 2026-06-01T00:00Z.
    public static let rangeStart = Date(timeIntervalSince1970: 1_780_272_000)
    /// End of the posting range, 2026-11-01T00:00Z.
    public static let rangeEnd = Date(timeIntervalSince1970: 1_793_491_200)
    /// Hours of activity per post.
    public static let activeHours = 168

    /// The live account's user id.
    public static let liveUserID: UInt64 = 1_000_004

    public init(seed: UInt64, liveSince: Date? = nil) {
        self.seed = seed
        var rng = SeededGenerator(seed: seed)
        let specs: [(UInt64, String, String, Int)] = [(1_000_001, "sandbox_brand", "Sandbox Brand", 300),
                                                      (1_000_002, "sandbox_small", "Sandbox Small", 40),
                                                      (1_000_003, "sandbox_other", "Sandbox Other", 20)]
        var accounts: [SandboxAccount] = []
        var index: [UInt64: SandboxPost] = [:]
        let span = Self.rangeEnd.timeIntervalSince(Self.rangeStart)
        for (n, spec) in specs.enumerated() {
            var times: [Double] = (0..<spec.3).map { _ in Double(rng.next() % UInt64(span)) }
            times.sort()
            var posts: [SandboxPost] = []
            for (i, t) in times.enumerated() {
                let at = Self.rangeStart.addingTimeInterval(t.rounded(.down))
                let ms = UInt64(at.timeIntervalSince1970 * 1000) - Snowflake.epochMilliseconds
                let id = (ms << 22) | UInt64(n * 4096 + i)
                let post = SandboxPost(id: id, authorID: spec.0, postedAt: at,
                                       text: "Synthetic post \(i + 1) of @\(spec.1) #sandbox",
                                       hasVideo: rng.next() % 5 == 0, base: Double(200 + rng.next() % 1800))
                posts.append(post); index[id] = post
            }
            accounts.append(SandboxAccount(id: spec.0, username: spec.1, name: spec.2, posts: posts))
        }
        if let liveSince {
            var posts: [SandboxPost] = []
            for i in 0..<9 {
                let planted = i == 8
                let at = liveSince.addingTimeInterval(planted ? -300 : Double(i - 8) * 600).rounded(toWholeSeconds: ())
                let ms = UInt64(at.timeIntervalSince1970 * 1000) - Snowflake.epochMilliseconds
                let post = SandboxPost(id: (ms << 22) | UInt64(3 * 4096 + i), authorID: Self.liveUserID, postedAt: at,
                                       text: "Synthetic post \(i + 1) of @sandbox_live #sandbox" + (planted ? " #launch (planted to take off)" : ""),
                                       hasVideo: false, base: planted ? 2_400 : Double(100 + rng.next() % 200))
                posts.append(post); index[post.id] = post
            }
            accounts.append(SandboxAccount(id: Self.liveUserID, username: "sandbox_live", name: "Sandbox Live", posts: posts))
        }
        self.accounts = accounts
        byID = index
    }

    /// The post with `id`, if the sandbox has it.
    public func post(_ id: UInt64) -> SandboxPost? { byID[id] }

    /// The account with `username` (case-insensitive).
    public func account(named username: String) -> SandboxAccount? {
        accounts.first { $0.username.lowercased() == username.lowercased() }
    }

    /// The account with user id `id`.
    public func account(id: UInt64) -> SandboxAccount? { accounts.first { $0.id == id } }

    /// First instant of the post's first active hour.
    func firstHour(_ p: SandboxPost) -> Date { EngagementRequest.floorHour(p.postedAt) }

    /// Count of `type` for `post` in its active hour `k` (0 = the hour it was posted in).
    public func count(_ post: SandboxPost, _ type: EngagementType, hour k: Int) -> Int64 {
        guard k >= 0, k < Self.activeHours else { return 0 }
        let impressions = (post.base * exp(-Double(k) / 10) * (0.7 + 0.6 * unit(post.id, 0, k))).rounded(.down)
        func part(_ rate: Double, _ salt: UInt64) -> Int64 { Int64((impressions * rate * 2 * unit(post.id, salt, k)).rounded(.down)) }
        switch type {
        case .impressions: return Int64(impressions)
        case .favorites: return part(0.02, 1)
        case .retweets: return part(0.004, 2)
        case .replies: return part(0.003, 3)
        case .quoteTweets: return part(0.001, 4)
        case .urlClicks: return part(0.006, 5)
        case .hashtagClicks: return part(0.001, 6)
        case .detailExpands: return part(0.01, 7)
        case .permalinkClicks: return part(0.002, 8)
        case .userProfileClicks: return part(0.004, 9)
        case .userFollows: return part(0.0005, 10)
        case .emailTweet: return part(0.0003, 11)
        case .appOpens, .appInstallAttempts: return 0
        case .mediaViews: return post.hasVideo ? part(0.3, 12) : 0
        case .mediaEngagements: return post.hasVideo ? part(0.01, 13) : 0
        case .videoViews: return post.hasVideo ? part(0.15, 14) : 0
        case .engagements:
            let parts: [EngagementType] = [.favorites, .retweets, .replies, .urlClicks, .hashtagClicks, .detailExpands,
                                           .permalinkClicks, .userProfileClicks, .userFollows, .emailTweet, .mediaEngagements]
            return parts.reduce(0) { $0 + count(post, $1, hour: k) }
        }
    }

    /// Active hours of `post` whose start lies in [from, to): (hour start, index k).
    func hours(_ post: SandboxPost, from: Date, to: Date) -> [(Date, Int)] {
        let first = firstHour(post)
        var out: [(Date, Int)] = []
        for k in 0..<Self.activeHours {
            let t = first.addingTimeInterval(Double(k) * 3600)
            if t >= to { break }
            if t >= from { out.append((t, k)) }
        }
        return out
    }

    /// Sum of `type` for `post` over hours starting in [from, to): the ground truth tests compare with.
    public func sum(_ post: SandboxPost, _ type: EngagementType, from: Date, to: Date) -> Int64 {
        hours(post, from: from, to: to).reduce(0) { $0 + count(post, type, hour: $1.1) }
    }

    func unit(_ id: UInt64, _ salt: UInt64, _ k: Int) -> Double {
        var g = SeededGenerator(seed: seed ^ (id &* 0x9E37_79B9_7F4A_7C15) ^ (salt &* 0xD6E8_FEB8_6659_FD93) ^ UInt64(k) &* 0xA076_1D64_78BD_642F)
        return Double(g.next() >> 11) / Double(UInt64(1) << 53)
    }
}

extension Date {
    /// This instant without its fraction of a second (Snowflake ids and API times are whole).
    func rounded(toWholeSeconds: Void) -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
