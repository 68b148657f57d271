import Foundation
import Testing
import EngageModel
import EngageIngest

@Suite struct DecodingTests {
    @Test func historicalReferenceResponse() throws {
        let r = try SavedResponseReader.read(path: "historical.json", data: fixture("formats-historical.json"))
        #expect(r.variant == SavedResponseReader.engagementVariant)
        // 223456789 predates Snowflake ids: no posting time, so it is reported, not invented.
        #expect(r.posts.isEmpty)
        #expect(r.issues.contains { $0.postID == 223_456_789 && $0.reason.contains("Snowflake") })
        let decoded = try EngagementResponse(data: fixture("formats-historical.json"), source: "h")
        let post = try #require(decoded.totals[223_456_789])
        #expect(post[.impressions] == 788)
        #expect(post[.engagements] == 134)
        #expect(post[.urlClicks] == 30)
        #expect(post[.detailExpands] == 1323)
        #expect(decoded.start == EngagementResponse.parseInstant("2015-08-01T00:00:00Z"))
        #expect(r.hourly.isEmpty)
    }

    @Test func hourlyReferenceResponse() throws {
        let data = try fixture("formats-28hr.json")
        let r = try EngagementResponse(data: data, source: "28hr.json")
        #expect(r.hourly.count == 3)
        let values = try #require(r.totals[123_456_789])
        #expect(values[.impressions] == Int64(551 + 412 + 5))
        let first = try #require(r.hourly.first)
        #expect(first.hourStartUTC == EngagementResponse.parseInstant("2015-09-14T17:00:00Z"))
        #expect(first.value == 551)
        #expect(r.hourly.last?.hourStartUTC == EngagementResponse.parseInstant("2015-09-15T00:00:00Z"))
    }

    @Test func countsAsStringsOrNumbersDecodeAlike() throws {
        let strings = #"{"g": {"1500000000000000000": {"favorites": "26", "replies": "3"}}}"#
        let numbers = #"{"g": {"1500000000000000000": {"favorites": 26, "replies": 3}}}"#
        let a = try EngagementResponse(data: Data(strings.utf8), source: "a")
        let b = try EngagementResponse(data: Data(numbers.utf8), source: "b")
        #expect(a.totals == b.totals)
        #expect(a.totals[1_500_000_000_000_000_000]?[.likes] == 26)
    }

    @Test func partialResultsBecomeIssues() throws {
        let body = #"""
        {"unavailable_tweet_ids": ["11"], "unsupported_for_impressions_engagements_tweet_ids": ["12"],
         "unsupported_for_video_views_tweet_ids": ["13"],
         "errors": ["Forbidden to access tweets for author id 99: 14, 15"],
         "g": {"16": {"favorites": "1"}}}
        """#
        let r = try EngagementResponse(data: Data(body.utf8), source: "p")
        #expect(r.forbiddenIDs == [14, 15])
        let issues = r.issues(at: SourceLocation(file: "p", line: nil))
        #expect(Set(issues.compactMap(\.postID)) == [11, 12, 13, 14, 15])
        #expect(issues.first { $0.postID == 14 }?.reason.contains("does not belong") == true)
    }

    @Test func xV2ResponseMapsMetrics() throws {
        let r = try SavedResponseReader.read(path: "v2.json", data: fixture("v2-tweets.json"))
        #expect(r.variant == SavedResponseReader.xV2Variant)
        #expect(r.posts.count == 2)
        let a = try #require(r.posts.first { $0.id == 1_800_000_000_000_000_001 })
        #expect(a.metrics[.reposts] == 4)        // retweet_count
        #expect(a.metrics[.impressions] == 900)  // non_public wins over public
        #expect(a.metrics[.urlClicks] == 12)
        #expect(a.metrics[.userProfileClicks] == 7)
        #expect(a.metrics[.videoViews] == 300)
        #expect(a.metrics[.videoPlayback25] == 200)
        #expect(a.metrics[.videoPlayback100] == 50)
        #expect(a.timeSource == .apiCreatedAt)
        let b = try #require(r.posts.first { $0.id == 1_800_000_000_000_000_002 })
        #expect(b.metrics[.reposts] == 9)        // repost_count
        #expect(b.metrics[.impressions] == 120)  // public impression_count
        #expect(r.issues.count == 1 && r.issues[0].postID == 1_800_000_000_000_000_003)
    }

    @Test func gzipIsRefusedPlainly() {
        #expect(throws: JSONReadError.self) { try SavedResponseReader.read(path: "x.json.gz", data: Data([0x1F, 0x8B, 8, 0])) }
    }
}
