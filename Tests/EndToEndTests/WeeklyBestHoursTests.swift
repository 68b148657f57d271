import Foundation
import Testing

/// Best hours in a weekly report (`--period last-week`), read from summary.txt as a manager reads
/// it: from a week alone nothing is claimed; from sixteen weeks of the same account the planted
/// slots are found and the sentence names the weeks used.
@Suite struct WeeklyBestHoursTests {
    /// The week `--period last-week --now 2025-11-24` reports: Monday 2025-11-17 to Sunday 2025-11-23.
    static let now = "2025-11-24"

    /// A legacy export of a fictional account posting 120 times a week at 8–19h UTC on every day,
    /// for the last `weeks` of the sixteen weeks up to 2025-11-23; posts on Tuesday 10h and
    /// Thursday 15h earn 1.8× the rate of the others (about 2%). The same account whatever `weeks`.
    static func export(weeks: Int) -> String {
        var state: UInt64 = 17
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1.0p-53
        }
        let firstMonday = 1_756_684_800.0  // 2025-09-01T00:00Z; 12 weeks before 2025-11-24
        let start = firstMonday - 4 * 7 * 86_400  // 2025-08-04, a Monday: sixteen weeks
        var rows: [(t: Double, line: String)] = []
        for week in 0..<16 {
            for k in 0..<120 {
                let day = Int(uniform() * 7), hour = 8 + Int(uniform() * 12), minute = Int(uniform() * 60)
                let t = start + Double(week * 7 + day) * 86_400 + Double(hour * 3_600 + minute * 60)
                let impressions = 200 + Int(uniform() * 4_000)
                let planted = (day == 1 && hour == 10) || (day == 3 && hour == 15)
                let rate = 0.02 * (0.7 + 0.6 * uniform()) * (planted ? 1.8 : 1)
                let engagements = Int((Double(impressions) * rate).rounded())
                guard week >= 16 - weeks else { continue }
                let ms = UInt64(t * 1000)
                let id = ((ms - 1_288_834_974_657) << 22) | UInt64(week * 120 + k)
                let time = Date(timeIntervalSince1970: t).formatted(
                    Date.VerbatimFormatStyle(format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
                                             timeZone: .gmt, calendar: Calendar(identifier: .gregorian)).locale(Locale(identifier: "en_US_POSIX")))
                rows.append((t, "\"\(id)\",\"https://twitter.com/weekly_account/status/\(id)\",\"post \(week) \(k)\",\"\(time) +0000\",\"\(impressions).0\",\"\(engagements).0\""))
            }
        }
        let header = "\"Tweet id\",\"Tweet permalink\",\"Tweet text\",\"time\",\"impressions\",\"engagements\""
        return ([header] + rows.sorted { $0.t > $1.t }.map(\.line)).joined(separator: "\n") + "\n"
    }

    /// The BEST HOURS section of summary.txt after `engage report --period last-week` on an
    /// export holding the last `weeks` weeks.
    static func bestHoursSection(weeks: Int) throws -> String {
        let dir = try Workdir()
        defer { dir.remove() }
        try export(weeks: weeks).write(to: dir.root.appending(path: "posts.csv"), atomically: true, encoding: .utf8)
        let run = try dir.run(["report", "posts.csv", "--period", "last-week", "--now", now, "--tz", "UTC",
                               "--out", "out", "--formats", "summary", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: dir.root.appending(path: "out/summary.txt"), encoding: .utf8)
        let start = try #require(text.range(of: "BEST HOURS TO POST\n"), "\(text)")
        let rest = text[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex)])
    }

    @Test func aWeekAloneIsNotEnoughData() throws {
        let section = try Self.bestHoursSection(weeks: 1)
        print("best hours from the week alone:\n" + section)
        #expect(section.contains("Not enough data: the 120 usable posts span 7 days (2025-11-17–2025-11-23)"), "\(section)")
        #expect(!section.contains("likely better") && !section.contains("Best time to post: Tuesday"), "\(section)")
    }

    @Test func sixteenWeeksFindThePlantedSlots() throws {
        let section = try Self.bestHoursSection(weeks: 16)
        print("best hours from sixteen weeks:\n" + section)
        #expect(section.contains("over 1,920 posts") && section.contains("2025-08-04–2025-11-23"), "\(section)")
        let claims = section.split(separator: "\n").filter { $0.contains("likely better") }
        #expect(claims.contains { $0.contains("Tuesday 10:00–10:59") }, "\(section)")
        #expect(claims.allSatisfy { $0.contains("Tuesday 10:00–10:59") || $0.contains("Thursday 15:00–15:59") }, "\(section)")
    }

    /// The heavy-tailed sample mixes replies and original posts: `engage hours` adjusts for them
    /// unless told not to, and `method` and the sentences say which it did.
    @Test func hoursSaysWhetherItAdjustedForPostKind() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let sample = Workdir.sample("heavy_tailed/tweet_activity_metrics_heavy_tailed_20241231_20251230_en.csv")
        for adjusted in [true, false] {
            let run = try dir.run(["hours", sample, "--tz", "America/New_York", "--json"] + (adjusted ? [] : ["--no-adjust-for-kind"]))
            #expect(run.status == 0, "\(run.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let method = try #require(json["method"] as? String)
            let notes = try #require(json["notes"] as? [String])
            #expect(method.contains(adjusted ? "Adjusted for post kind (replies, media, links)" : "Not adjusted for post kind."), "\(method)")
            #expect(notes.contains { $0.hasPrefix("Slot estimates are adjusted for what was posted (replies vs original posts)") } == adjusted, "\(notes)")
            let recommendations = try #require(json["recommendations"] as? [[String: Any]])
            #expect(!recommendations.contains { $0["confidence"] as? String == "likely better" }, "no hour is better in this sample: \(recommendations)")
        }
    }
}
