import Foundation
import EngageIngest

extension SandboxServer {
    /// What `engage sandbox` prints on stderr once listening: base URL, credentials, handles, faults.
    public func banner(port: Int) -> String {
        let c = Self.credentials
        var lines = [
            "sandbox listening on http://127.0.0.1:\(port) (Engagement API and X API v2)",
            "  credentials (sandbox only, not secret):",
            "    X_CONSUMER_KEY=\(c.consumerKey!.revealed)",
            "    X_CONSUMER_SECRET=\(c.consumerSecret!.revealed)",
            "    X_ACCESS_TOKEN=\(c.accessToken!.revealed)",
            "    X_ACCESS_TOKEN_SECRET=\(c.accessTokenSecret!.revealed)",
            "    X_BEARER_TOKEN=\(c.bearerToken!.revealed)",
            "  handles:",
        ]
        for a in data.accounts {
            let owned = Self.ownedUserIDs.contains(a.id) ? "owned by the access token" : "forbidden to the access token"
            let first = a.posts.first.map { EngagementRequest_iso($0.postedAt) } ?? "-"
            let last = a.posts.last.map { EngagementRequest_iso($0.postedAt) } ?? "-"
            lines.append("    @\(a.username) (user \(a.id)): \(a.posts.count) posts \(first) … \(last), \(owned)")
        }
        if faults != .none {
            lines.append("  faults: \(faults.faults.isEmpty ? "" : "\(faults.skip > 0 ? "after \(faults.skip) normal responses, " : "")first responses \(faults.faults.map(\.description).joined(separator: ",")); ")slow \(Int(faults.slowSeconds * 1000)) ms; \(faults.unavailablePerRequest) unavailable ids per request")
        }
        return lines.joined(separator: "\n")
    }
}

private func EngagementRequest_iso(_ d: Date) -> String {
    let f = ISO8601DateFormatter(); f.formatOptions = [.withFullDate]
    return f.string(from: d)
}
