import Foundation
import EngageModel
import EngageAPI
import EngageIngest

extension SandboxServer {
    /// `GET /2/users/by/username/:username`.
    func userLookup(_ username: String) -> HTTPResponse {
        guard let a = data.account(named: username) else {
            return Self.json(200, ["errors": [["value": username, "detail": "Could not find user with username: [\(username)].",
                                               "title": "Not Found Error", "resource_type": "user", "parameter": "username"]]])
        }
        return Self.json(200, ["data": ["id": String(a.id), "name": a.name, "username": a.username]])
    }

    /// `GET /2/users/:id/tweets`, newest first, `max_results` 5–100, `pagination_token`, `start_time`/`end_time`.
    func timeline(_ userID: UInt64, query: String?, caller: Caller) -> HTTPResponse {
        let q = Dictionary(OAuth1Signer.formDecode(query ?? ""), uniquingKeysWith: { a, _ in a })
        guard let account = data.account(id: userID) else {
            return Self.json(200, ["errors": [["value": String(userID), "detail": "Could not find user with id: [\(userID)].",
                                               "title": "Not Found Error", "resource_type": "user"]]])
        }
        let max = Int(q["max_results"] ?? "10") ?? -1
        guard (5...100).contains(max) else { return Self.error(400, "max_results must be between 5 and 100") }
        let f = ISO8601DateFormatter()
        let now = dataClock()
        let start = q["start_time"].flatMap { f.date(from: $0) } ?? .distantPast
        let end = q["end_time"].flatMap { f.date(from: $0) } ?? now
        guard end <= now else { return Self.error(400, "end_time must be in the past") }
        let posts = account.posts.filter { $0.postedAt >= start && $0.postedAt < end }.reversed()
        var offset = 0
        if let token = q["pagination_token"] {
            guard token.hasPrefix("p"), let n = Int(token.dropFirst()), n >= 0 else { return Self.error(400, "invalid pagination_token") }
            offset = n
        }
        let page = Array(posts.dropFirst(offset).prefix(max))
        var meta: [String: Any] = ["result_count": page.count]
        if let first = page.first, let last = page.last { meta["newest_id"] = String(first.id); meta["oldest_id"] = String(last.id) }
        if offset + page.count < posts.count { meta["next_token"] = "p\(offset + page.count)" }
        var root = body(page, caller: caller, now: now)
        root["meta"] = meta
        return Self.json(200, root)
    }

    /// `GET /2/tweets?ids=` (at most 100).
    func lookup(query: String?, caller: Caller, record: inout Record) -> HTTPResponse {
        let q = Dictionary(OAuth1Signer.formDecode(query ?? ""), uniquingKeysWith: { a, _ in a })
        let texts = (q["ids"] ?? "").split(separator: ",").map(String.init)
        record.idCount = texts.count
        guard !texts.isEmpty else { return Self.error(400, "ids is required") }
        guard texts.count <= 100 else { return Self.error(400, "ids: at most 100 per request, got \(texts.count)") }
        var found: [SandboxPost] = []
        var errors: [[String: Any]] = []
        for t in texts {
            if let id = UInt64(t), let p = data.post(id) { found.append(p) }
            else {
                errors.append(["value": t, "detail": "Could not find tweet with ids: [\(t)].", "title": "Not Found Error",
                               "resource_type": "tweet", "parameter": "ids", "resource_id": t])
            }
        }
        var root = body(found, caller: caller, now: dataClock())
        if !errors.isEmpty { root["errors"] = errors }
        return Self.json(200, root)
    }

    func body(_ posts: [SandboxPost], caller: Caller, now: Date) -> [String: Any] {
        var items: [[String: Any]] = []
        var media: [[String: Any]] = []
        for p in posts {
            func total(_ t: EngagementType) -> Int { Int(data.sum(p, t, from: .distantPast, to: now)) }
            var pub: [String: Any] = ["reply_count": total(.replies), "like_count": total(.favorites),
                                      "quote_count": total(.quoteTweets), "bookmark_count": 0,
                                      "impression_count": total(.impressions)]
            // Newer responses say repost_count: every third post uses it.
            pub[p.id % 3 == 0 ? "repost_count" : "retweet_count"] = total(.retweets)
            var item: [String: Any] = ["id": String(p.id), "text": p.text, "author_id": String(p.authorID),
                                       "created_at": Self.iso(p.postedAt), "public_metrics": pub]
            let owned: Bool
            if case .user = caller { owned = Self.ownedUserIDs.contains(p.authorID) } else { owned = false }
            if owned {
                item["non_public_metrics"] = ["impression_count": total(.impressions), "url_link_clicks": total(.urlClicks),
                                              "user_profile_clicks": total(.userProfileClicks)]
                item["organic_metrics"] = ["impression_count": total(.impressions), "like_count": total(.favorites),
                                           "reply_count": total(.replies), "retweet_count": total(.retweets),
                                           "url_link_clicks": total(.urlClicks), "user_profile_clicks": total(.userProfileClicks)]
            }
            if p.hasVideo {
                let key = "7_\(p.id)"
                item["attachments"] = ["media_keys": [key]]
                let views = total(.videoViews)
                var m: [String: Any] = ["media_key": key, "type": "video", "public_metrics": ["view_count": views]]
                if owned {
                    m["non_public_metrics"] = ["playback_0_count": total(.mediaViews), "playback_25_count": views,
                                               "playback_50_count": views * 3 / 4, "playback_75_count": views / 2,
                                               "playback_100_count": views / 4]
                }
                media.append(m)
            }
            items.append(item)
        }
        var root: [String: Any] = ["data": items]
        if !media.isEmpty { root["includes"] = ["media": media] }
        return root
    }

    static func iso(_ d: Date) -> String {
        let f = ISO8601DateFormatter(); f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: d)
    }
}
