import EngageAnalysis
import EngageModel
import Foundation
import Testing

/// A synthetic post; `day` is the UTC day at noon unless `hour` says otherwise.
func makePost(_ id: UInt64, _ text: String = "", impressions: Int64? = 1_000, engagements: Int64? = 20,
              day: String = "2024-03-10", hour: Int = 12, extra: [Metric: Int64] = [:]) -> Post {
    var m = MetricValues()
    m[.impressions] = impressions
    m[.engagements] = engagements
    for (k, v) in extra { m[k] = v }
    let d = CalendarDay(iso: day)!
    let date = Date(timeIntervalSince1970: Double(d.daysSinceEpoch) * 86_400 + Double(hour) * 3_600)
    return Post(id: id, text: text, postedAt: date, timeSource: .timeColumn, metrics: m,
                origin: SourceLocation(file: "posts.csv", line: Int(id) + 1))
}

@Suite struct CampaignAssignmentTests {
    @Test(arguments: [
        ("#campA", "Big news #CAMPA today", true),
        ("#campA", "(#campa)", true),
        ("campA", "start #campA", true),
        ("#campA", "#campaign launch", false),
        ("#campA", "#campA_2 is different", false),
        ("#campA", "end of sentence #campA.", true),
        ("#campA", "mail me at me#campA", false),
        ("#campA", "no tag campA here", false),
        ("#campA", "full-width ＃CampA works", true),
        ("#春セール", "今日から #春セール!", true),
        ("#Café", "#café opens", true),
    ])
    func hashtagMatching(rule: String, text: String, matches: Bool) {
        #expect(Hashtags.text(text, contains: rule) == matches, "\(rule) in \(text)")
    }

    @Test func extractKeepsOrderAndSpelling() {
        #expect(Hashtags.extractSpelled(from: "a #One, b #two#three (#Four)") == ["One", "two", "Four"])
        #expect(Hashtags.extract(from: "#A #a") == ["a", "a"])
    }

    /// The byte-scanning extractor agrees with the definition walked character by character,
    /// on random text built from the pieces that make tags hard.
    @Test func extractAgreesWithTheCharacterByCharacterDefinition() {
        func reference(_ text: String) -> [String] {
            func isTag(_ c: Character) -> Bool {
                c.isLetter || c.isNumber || c == "_" || c.unicodeScalars.first?.properties.generalCategory == .nonspacingMark
            }
            var tags: [String] = [], previous: Character?, current: String?
            for c in text {
                if let tag = current {
                    if isTag(c) { current = tag + String(c); previous = c; continue }
                    if !tag.isEmpty { tags.append(tag) }
                    current = nil
                }
                if (c == "#" || c == "＃") && !(previous.map(isTag) ?? false) { current = "" }
                previous = c
            }
            if let tag = current, !tag.isEmpty { tags.append(tag) }
            return tags
        }
        let pieces = ["#", "＃", "a", "Z", "_", "7", " ", ".", "(", "é", "e\u{301}", "春", "🎉", "#\u{FE0F}\u{20E3}",
                      "\u{301}", "\n", "-", "ß", "١", "\u{200D}", "\u{600}"]
        var random = SeededRandom(seed: 42)
        for _ in 0..<20_000 {
            let text = (0..<random.nextIndex(below: 24)).map { _ in pieces[random.nextIndex(below: pieces.count)] }.joined()
            #expect(Hashtags.extractSpelled(from: text) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func rulesCombineAndOverlapsAreReported() throws {
        let posts = [
            makePost(1, "spring #springA"),
            makePost(2, "spring #springB", day: "2024-02-20"),          // before B's window
            makePost(3, "spring #springB", day: "2024-03-05"),
            makePost(4, "Spring SALE now"),                              // text rule
            makePost(5, "#springA and #springB"),                        // both: counted in A
            makePost(6, "nothing here"),
            makePost(7, "explicit id"),
        ]
        let definitions = [
            CampaignDefinition(name: "spring-a", isControl: true, hashtags: ["#springA"], sourceLine: 3),
            CampaignDefinition(name: "spring-b", hashtags: ["springB"], textPattern: "(?i)spring sale", ids: [7],
                               from: CalendarDay(iso: "2024-03-01"), sourceLine: 6),
            CampaignDefinition(name: "empty", hashtags: ["#never"], sourceLine: 9),
        ]
        let result = try assignCampaigns(posts: posts, definitions: definitions, clock: .utc)
        #expect(result.campaigns.map { $0.posts.map(\.id) } == [[1, 5], [3, 4, 7], []])
        #expect(result.unassignedIDs == [2, 6])
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.postID == 5 && result.issues.first?.reason.contains("counted in spring-a") == true)
        #expect(result.warnings == ["campaign empty (line 9) matches no post"])
    }

    @Test func localDaysDecideDateWindows() throws {
        // 2024-03-01 03:00 UTC is still February 29 in New York.
        let post = makePost(1, "#x", day: "2024-03-01", hour: 3)
        let definitions = [CampaignDefinition(name: "march", hashtags: ["#x"], from: CalendarDay(iso: "2024-03-01"))]
        let ny = try #require(LocalClock(identifier: "America/New_York"))
        #expect(try assignCampaigns(posts: [post], definitions: definitions, clock: ny).unassignedIDs.count == 1)
        #expect(try assignCampaigns(posts: [post], definitions: definitions, clock: .utc).unassignedIDs.isEmpty)
    }

    @Test func invalidPatternIsAnErrorNamingIt() {
        let bad = CampaignDefinition(name: "broken", textPattern: "(unclosed", sourceLine: 12)
        #expect(throws: CampaignError.invalidPattern(campaign: "broken", pattern: "(unclosed", line: 12)) {
            try assignCampaigns(posts: [], definitions: [bad], clock: .utc)
        }
        #expect(CampaignError.invalidPattern(campaign: "broken", pattern: "(unclosed", line: 12).description
                    == "line 12: campaign broken: not a valid regular expression: (unclosed")
    }

    @Test func campaignsByHashtagUsesFrequentTags() {
        var posts: [Post] = []
        for i in 0..<6 { posts.append(makePost(UInt64(i), i == 0 ? "#Alpha first" : "#alpha")) }
        for i in 6..<11 { posts.append(makePost(UInt64(i), "#beta")) }
        posts.append(makePost(11, "#beta then #alpha"))   // both: counted in #beta (first in text)
        posts.append(makePost(12, "#rare"))
        let result = campaignsByHashtag(posts: posts)
        #expect(result.campaigns.map(\.definition.name) == ["#alpha", "#beta"])
        #expect(result.campaigns.map(\.posts.count) == [6, 6])
        #expect(result.campaigns[1].posts.last?.id == 11)
        #expect(result.unassignedIDs == [12])
        #expect(result.issues.count == 1)
    }
}
