import Foundation
import EngageModel

/// One decoded X API v2 response: `GET /2/tweets?ids=`, `GET /2/users/:id/tweets` or
/// `GET /2/users/by/username/:username`.
///
/// Metrics map onto the shared model: `retweet_count` and `repost_count` → reposts; `like_count` →
/// likes; `reply_count`, `quote_count`, `bookmark_count`; impressions from `non_public_metrics`, else
/// `organic_metrics`, else `public_metrics.impression_count`; `url_link_clicks` → URL clicks;
/// `user_profile_clicks` → profile visits; media `view_count` → video views and
/// `playback_N_count` → video playback quartiles. `promoted_metrics` fill ``Post/promoted``.
public struct XPostsResponse: Sendable {
    /// Posts in `data`, in response order.
    public var posts: [Post]
    /// The user of a user lookup (`data` as an object with `username`), when this is one.
    public var user: XUser?
    /// `meta.next_token`, when more pages follow.
    public var nextToken: String?
    /// Problems reported in `errors` (one per resource), as data issues.
    public var issues: [DataIssue]

    /// Decodes a response body.
    /// - Parameter source: the file or URL the body came from; becomes the posts' origin.
    /// - Throws: ``JSONReadError`` when the body is not an X API v2 response.
    public init(data: Data, source: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw JSONReadError(path: source, reason: "not a JSON object (expected an X API v2 response)")
        }
        try self.init(root: root, source: source)
    }

    init(root: [String: Any], source: String) throws {
        let location = SourceLocation(file: source, line: nil)
        var media: [String: [String: Any]] = [:]
        if let includes = root["includes"] as? [String: Any], let list = includes["media"] as? [[String: Any]] {
            for m in list { if let key = m["media_key"] as? String { media[key] = m } }
        }
        nextToken = (root["meta"] as? [String: Any])?["next_token"] as? String
        issues = []
        posts = []
        user = nil
        if let single = root["data"] as? [String: Any], single["username"] != nil {
            user = XUser(id: (single["id"] as? String).flatMap { UInt64($0) } ?? 0,
                         username: single["username"] as? String ?? "", name: single["name"] as? String ?? "")
        } else if let list = root["data"] as? [[String: Any]] {
            for item in list {
                if let post = try XPostsResponse.post(item, media: media, location: location) { posts.append(post) }
            }
        } else if let single = root["data"] as? [String: Any] {
            if let post = try XPostsResponse.post(single, media: media, location: location) { posts.append(post) }
        }
        for e in root["errors"] as? [[String: Any]] ?? [] {
            let id = (e["resource_id"] as? String ?? e["value"] as? String).flatMap { UInt64($0) }
            let text = (e["detail"] as? String) ?? (e["title"] as? String) ?? "unknown error"
            issues.append(DataIssue(id == nil ? .warning : .skippedRow, at: location, postID: id,
                                    reason: "X API v2: \(text)"))
        }
    }

    static func post(_ item: [String: Any], media: [String: [String: Any]], location: SourceLocation) throws -> Post? {
        guard let idText = item["id"] as? String, let id = UInt64(idText) else {
            throw JSONReadError(path: location.file, reason: "a post without a string id: \(item["id"] ?? "none")")
        }
        var postedAt: Date
        var timeSource = Post.TimeSource.apiCreatedAt
        if let created = (item["created_at"] as? String).flatMap(EngagementResponse.parseInstant) {
            postedAt = created
        } else if let d = Snowflake.date(of: id) {
            postedAt = d; timeSource = .snowflake
        } else {
            throw JSONReadError(path: location.file, reason: "post \(id) has no created_at and is not a Snowflake id")
        }
        var values = MetricValues()
        let pub = item["public_metrics"] as? [String: Any] ?? [:]
        let nonPublic = item["non_public_metrics"] as? [String: Any] ?? [:]
        let organic = item["organic_metrics"] as? [String: Any] ?? [:]
        func int(_ d: [String: Any], _ k: String) -> Int64? { (d[k] as? NSNumber)?.int64Value ?? (d[k] as? String).flatMap { Int64($0) } }
        values[.reposts] = int(pub, "retweet_count") ?? int(pub, "repost_count") ?? int(organic, "retweet_count")
        values[.replies] = int(pub, "reply_count") ?? int(organic, "reply_count")
        values[.likes] = int(pub, "like_count") ?? int(organic, "like_count")
        values[.quotes] = int(pub, "quote_count")
        values[.bookmarks] = int(pub, "bookmark_count")
        values[.impressions] = int(nonPublic, "impression_count") ?? int(organic, "impression_count") ?? int(pub, "impression_count")
        values[.urlClicks] = int(nonPublic, "url_link_clicks") ?? int(organic, "url_link_clicks")
        values[.userProfileClicks] = int(nonPublic, "user_profile_clicks") ?? int(organic, "user_profile_clicks")
        var promoted: MetricValues? = nil
        if let p = item["promoted_metrics"] as? [String: Any], !p.isEmpty {
            var v = MetricValues()
            v[.impressions] = int(p, "impression_count")
            v[.likes] = int(p, "like_count")
            v[.reposts] = int(p, "retweet_count") ?? int(p, "repost_count")
            v[.replies] = int(p, "reply_count")
            v[.urlClicks] = int(p, "url_link_clicks")
            v[.userProfileClicks] = int(p, "user_profile_clicks")
            promoted = v.isEmpty ? nil : v
        }
        let keys = ((item["attachments"] as? [String: Any])?["media_keys"] as? [String]) ?? []
        for key in keys {
            guard let m = media[key] else { continue }
            let mp = m["public_metrics"] as? [String: Any] ?? [:]
            let mn = m["non_public_metrics"] as? [String: Any] ?? [:]
            let mo = m["organic_metrics"] as? [String: Any] ?? [:]
            let pairs: [(Metric, String)] = [(.videoViews, "view_count"), (.videoPlayback0, "playback_0_count"),
                                             (.videoPlayback25, "playback_25_count"), (.videoPlayback50, "playback_50_count"),
                                             (.videoPlayback75, "playback_75_count"), (.videoPlayback100, "playback_100_count")]
            for (metric, k) in pairs {
                if let n = int(mn, k) ?? int(mo, k) ?? int(mp, k) { values[metric] = (values[metric] ?? 0) + n }
            }
        }
        return Post(id: id, text: item["text"] as? String ?? "", permalink: nil, postedAt: postedAt,
                    timeSource: timeSource, metrics: values, promoted: promoted, origin: location)
    }
}

/// A user from `GET /2/users/by/username/:username`.
public struct XUser: Sendable, Equatable {
    /// Numeric user id.
    public var id: UInt64
    /// Handle without `@`.
    public var username: String
    /// Display name.
    public var name: String

    public init(id: UInt64, username: String, name: String) { self.id = id; self.username = username; self.name = name }
}
