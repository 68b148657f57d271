import Foundation
import EngageModel
import EngageAPI
import EngageIngest

extension SandboxServer {
    /// `POST /insights/engagement/{totals,28hr,historical}` with the real limits and partial results.
    func engagement(_ endpoint: EngagementEndpoint, _ request: HTTPRequest, caller: Caller,
                    record: inout Record) -> HTTPResponse {
        guard let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] else {
            return Self.error(400, "request body is not valid JSON")
        }
        guard let idTexts = body["tweet_ids"] as? [String], !idTexts.isEmpty else {
            return Self.error(400, "tweet_ids must be a non-empty array of strings")
        }
        record.idCount = idTexts.count
        guard idTexts.count <= endpoint.maxIDs else {
            return Self.error(400, "too many tweet_ids: \(idTexts.count), the \(endpoint.rawValue) endpoint accepts at most \(endpoint.maxIDs)")
        }
        let ids = idTexts.compactMap { UInt64($0) }
        guard ids.count == idTexts.count else { return Self.error(400, "tweet_ids must be numeric strings") }
        guard let typeTexts = body["engagement_types"] as? [String], !typeTexts.isEmpty else {
            return Self.error(400, "engagement_types must be a non-empty array")
        }
        var types: [EngagementType] = []
        for t in typeTexts {
            guard let type = EngagementType(rawValue: t), endpoint.allowedTypes.contains(type) else {
                return Self.error(400, "engagement type \(t) is not supported by the \(endpoint.rawValue) endpoint")
            }
            types.append(type)
        }
        guard let groupingObject = body["groupings"] as? [String: Any], !groupingObject.isEmpty else {
            return Self.error(400, "groupings are required")
        }
        guard groupingObject.count <= 3 else { return Self.error(400, "at most 3 groupings per request") }
        var groupings: [Grouping] = []
        for (name, value) in groupingObject.sorted(by: { $0.key < $1.key }) {
            guard let fields = (value as? [String: Any])?["group_by"] as? [String] else {
                return Self.error(400, "grouping \(name) needs a group_by array")
            }
            let parsed = fields.compactMap(GroupByField.init(rawValue:))
            guard parsed.count == fields.count else { return Self.error(400, "grouping \(name): unknown group_by value") }
            groupings.append(Grouping(name: name, groupBy: parsed))
        }
        if case .app = caller, endpoint != .totals || !types.allSatisfy(EngagementEndpoint.publicTotalsTypes.contains) {
            return Self.error(403, "this request needs user-context (OAuth 1.0a) authentication")
        }
        let now = dataClock()
        var start: Date? = nil, end: Date? = nil
        if endpoint == .historical {
            let f = ISO8601DateFormatter()
            start = (body["start"] as? String).flatMap { f.date(from: $0) }
            end = (body["end"] as? String).flatMap { f.date(from: $0) }
            if body["start"] != nil && start == nil || body["end"] != nil && end == nil {
                return Self.error(400, "start and end must be ISO 8601 instants like 2015-08-01T00:00:00Z")
            }
        }
        let request = EngagementRequest(endpoint: endpoint, tweetIDs: ids, types: types, groupings: groupings,
                                        start: start, end: end)
        let valid: EngagementRequest
        do { valid = try request.validated(now: now) } catch { return Self.error(400, "\(error)") }
        record.start = valid.start; record.end = valid.end
        let from: Date, to: Date
        switch endpoint {
        case .totals: from = .distantPast; to = now
        case .last28Hours: to = EngagementRequest.ceilHour(now); from = to.addingTimeInterval(-28 * 3600)
        case .historical: from = valid.start!; to = valid.end!
        }

        var unavailable: [UInt64] = Array(ids.prefix(faults.unavailablePerRequest))
        var forbidden: [UInt64: [UInt64]] = [:]
        var served: [SandboxPost] = []
        for id in ids.dropFirst(faults.unavailablePerRequest) {
            guard let post = data.post(id) else { unavailable.append(id); continue }
            if case .user = caller, !Self.ownedUserIDs.contains(post.authorID) {
                forbidden[post.authorID, default: []].append(id); continue
            }
            served.append(post)
        }
        var root: [String: Any] = [:]
        if endpoint != .totals {
            root["start"] = EngagementRequest.iso(from)
            root["end"] = EngagementRequest.iso(endpoint == .historical ? (end ?? to) : now)
        }
        if !unavailable.isEmpty { root["unavailable_tweet_ids"] = unavailable.map(String.init) }
        if !forbidden.isEmpty {
            root["errors"] = forbidden.keys.sorted().map { author in
                "Forbidden to access tweets for author id \(author): " + forbidden[author]!.map(String.init).joined(separator: ", ")
            }
            return Self.json(200, root)
        }
        var noImpressions = Set<UInt64>()
        if endpoint == .totals {
            for p in served where p.postedAt < now.addingTimeInterval(-90 * 86_400) { noImpressions.insert(p.id) }
            if !noImpressions.isEmpty, types.contains(.impressions) || types.contains(.engagements) {
                root["unsupported_for_impressions_engagements_tweet_ids"] = noImpressions.sorted().map(String.init)
            }
        }
        for g in groupings {
            var tree: [String: Any] = [:]
            for post in served {
                for type in types {
                    if noImpressions.contains(post.id), type == .impressions || type == .engagements { continue }
                    let hours = data.hours(post, from: from, to: min(to, now))
                    if g.groupBy.contains(.engagementDay) || g.groupBy.contains(.engagementHour) {
                        for (t, k) in hours {
                            add(&tree, path: keys(g.groupBy, post: post, type: type, hour: t), value: data.count(post, type, hour: k))
                        }
                    } else {
                        let total = hours.reduce(Int64(0)) { $0 + data.count(post, type, hour: $1.1) }
                        add(&tree, path: keys(g.groupBy, post: post, type: type, hour: nil), value: total)
                    }
                }
            }
            root[g.name] = shape(tree)
        }
        return Self.json(200, root)
    }

    func keys(_ fields: [GroupByField], post: SandboxPost, type: EngagementType, hour: Date?) -> [String] {
        fields.map { field in
            switch field {
            case .tweetID: String(post.id)
            case .engagementType: type.rawValue
            case .engagementDay: CalendarDay(utc: hour!).description
            case .engagementHour: String(format: "%02d", Int(hour!.timeIntervalSince1970) % 86_400 / 3600)
            }
        }
    }

    func add(_ tree: inout [String: Any], path: [String], value: Int64) {
        guard let first = path.first else { return }
        if path.count == 1 {
            tree[first] = ((tree[first] as? Int64) ?? 0) + value
        } else {
            // Taken out of the parent while it changes, so it is not copied on every write.
            var child = tree.removeValue(forKey: first) as? [String: Any] ?? [:]
            add(&child, path: Array(path.dropFirst()), value: value)
            tree[first] = child
        }
    }

    /// Counts as JSON strings, except counts below 10 as numbers: both shapes the real API sends.
    func shape(_ tree: [String: Any]) -> [String: Any] {
        tree.mapValues { value in
            if let child = value as? [String: Any] { return shape(child) }
            let n = value as! Int64
            return n < 10 ? NSNumber(value: n) : String(n)
        }
    }
}
