import Foundation
import Testing
import EngageIngest
@testable import EngageAPI

@Suite struct ValidationTests {
    static let now = Date(timeIntervalSince1970: 1_793_836_800) // 2026-11-05T00:00Z
    static let day: TimeInterval = 86_400

    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var request: EngagementRequest
        var expectedFragment: String?   // nil = valid
        var testDescription: String { id }
    }

    static let cases: [Case] = {
        let ids: [UInt64] = [1, 2, 3]
        let four = Grouping.hourly
        let swapped = Grouping(name: "t", groupBy: [.engagementType, .tweetID, .engagementDay, .engagementHour])
        let illegal = Grouping(name: "x", groupBy: [.tweetID, .engagementDay, .engagementType, .engagementHour])
        return [
            Case(id: "valid totals", request: .init(endpoint: .totals, tweetIDs: ids, types: [.impressions], groupings: [.perPost]), expectedFragment: nil),
            Case(id: "251 ids on totals", request: .init(endpoint: .totals, tweetIDs: Array(1...251), types: [.impressions], groupings: [.perPost]), expectedFragment: "at most 250"),
            Case(id: "26 ids on 28hr", request: .init(endpoint: .last28Hours, tweetIDs: Array(1...26), types: [.impressions], groupings: [.perPost]), expectedFragment: "at most 25"),
            Case(id: "url_clicks on totals", request: .init(endpoint: .totals, tweetIDs: ids, types: [.urlClicks], groupings: [.perPost]), expectedFragment: "url_clicks"),
            Case(id: "quote_tweets on historical", request: .init(endpoint: .historical, tweetIDs: ids, types: [.quoteTweets], groupings: [.perPost]), expectedFragment: "quote_tweets"),
            Case(id: "four groupings", request: .init(endpoint: .historical, tweetIDs: ids, types: [.impressions], groupings: [
                .perPost, .init(name: "b", groupBy: [.tweetID]), .init(name: "c", groupBy: [.engagementType]), .init(name: "d", groupBy: [.engagementDay])]), expectedFragment: "at most 3"),
            Case(id: "day on totals", request: .init(endpoint: .totals, tweetIDs: ids, types: [.impressions], groupings: [.init(name: "d", groupBy: [.tweetID, .engagementDay])]), expectedFragment: "not available on totals"),
            Case(id: "legal 4-item order", request: .init(endpoint: .last28Hours, tweetIDs: ids, types: [.impressions], groupings: [four]), expectedFragment: nil),
            Case(id: "legal swapped 4-item order", request: .init(endpoint: .last28Hours, tweetIDs: ids, types: [.impressions], groupings: [swapped]), expectedFragment: nil),
            Case(id: "illegal 4-item order", request: .init(endpoint: .last28Hours, tweetIDs: ids, types: [.impressions], groupings: [illegal]), expectedFragment: "4-item"),
            Case(id: "two 4-item groupings", request: .init(endpoint: .last28Hours, tweetIDs: ids, types: [.impressions], groupings: [four, swapped]), expectedFragment: "only one 4-item"),
            Case(id: "historical before 2014-09-01", request: .init(endpoint: .historical, tweetIDs: ids, types: [.impressions], groupings: [.perPost],
                start: Date(timeIntervalSince1970: 1_409_529_600 - 3600), end: Date(timeIntervalSince1970: 1_409_529_600 + day)), expectedFragment: "2014-09-01"),
            Case(id: "future end", request: .init(endpoint: .historical, tweetIDs: ids, types: [.impressions], groupings: [.perPost],
                start: now.addingTimeInterval(-day), end: now.addingTimeInterval(60)), expectedFragment: "future"),
            Case(id: "window over 4 weeks", request: .init(endpoint: .historical, tweetIDs: ids, types: [.impressions], groupings: [.perPost],
                start: now.addingTimeInterval(-29 * day), end: now), expectedFragment: "longer than 4 weeks"),
            Case(id: "window on totals", request: .init(endpoint: .totals, tweetIDs: ids, types: [.impressions], groupings: [.perPost],
                start: now.addingTimeInterval(-day), end: now), expectedFragment: "only for historical"),
            Case(id: "no ids", request: .init(endpoint: .totals, tweetIDs: [], types: [.impressions], groupings: [.perPost]), expectedFragment: "no post ids"),
        ]
    }()

    @Test(arguments: cases) func validation(_ c: Case) {
        do {
            _ = try c.request.validated(now: Self.now)
            #expect(c.expectedFragment == nil, "expected an error containing \(c.expectedFragment ?? "")")
        } catch let error as APIError {
            #expect(error.exitCode == 64)
            if let fragment = c.expectedFragment {
                #expect("\(error)".contains(fragment), "\(error)")
            } else {
                Issue.record("unexpected error \(error)")
            }
        } catch { Issue.record("unexpected error type \(error)") }
    }

    @Test func windowRoundsOutwardToTheHour() throws {
        let start = Date(timeIntervalSince1970: 1_790_000_000 + 1234)   // not hour aligned
        let end = Date(timeIntervalSince1970: 1_790_500_000 + 77)
        let r = try EngagementRequest(endpoint: .historical, tweetIDs: [1], types: [.impressions], groupings: [.perPost],
                                      start: start, end: end).validated(now: Self.now)
        let s = try #require(r.start), e = try #require(r.end)
        #expect(s <= start && start.timeIntervalSince(s) < 3600)
        #expect(e >= end && e.timeIntervalSince(end) < 3600)
        #expect(s.timeIntervalSince1970.truncatingRemainder(dividingBy: 3600) == 0)
        #expect(e.timeIntervalSince1970.truncatingRemainder(dividingBy: 3600) == 0)
    }

    @Test(arguments: [1, 27, 28, 29, 56, 57, 100])
    func windowsAreConsecutiveAndCoverExactly(days: Int) throws {
        let end = Date(timeIntervalSince1970: 1_793_000_000)
        let start = end.addingTimeInterval(-Double(days) * Self.day)
        let q = EngagementQuery(endpoint: .historical, tweetIDs: [1], start: start, end: end)
        let windows = try q.windows(now: Self.now)
        let span = EngagementRequest.ceilHour(end).timeIntervalSince(EngagementRequest.floorHour(start))
        #expect(windows.count == Int((span / (28 * Self.day)).rounded(.up)))
        #expect(windows.reduce(0) { $0 + $1.end!.timeIntervalSince($1.start!) } == span)
        #expect(windows.first?.start == EngagementRequest.floorHour(start))
        #expect(windows.last?.end == EngagementRequest.ceilHour(end))
        for (a, b) in zip(windows, windows.dropFirst()) { #expect(a.end == b.start) }
        for w in windows { #expect(w.end!.timeIntervalSince(w.start!) <= 28 * Self.day) }
    }

    @Test(arguments: [(EngagementEndpoint.totals, 600, [250, 250, 100]), (.historical, 60, [25, 25, 10]), (.last28Hours, 25, [25])])
    func batching(endpoint: EngagementEndpoint, count: Int, sizes: [Int]) throws {
        let q = EngagementQuery(endpoint: endpoint, tweetIDs: (1...UInt64(count)).map { $0 },
                                start: endpoint == .historical ? Self.now.addingTimeInterval(-7 * Self.day) : nil,
                                end: endpoint == .historical ? Self.now : nil)
        let plan = try q.plan(now: Self.now)
        #expect(plan.map(\.tweetIDs.count) == sizes)
        #expect(Set(plan.flatMap(\.tweetIDs)).count == count)
    }
}
