import Foundation
import Testing
@testable import EngageModel

@Suite struct SnowflakeTests {
    /// Reference: id 1 << 22 is one millisecond after Twitter's epoch; the epoch itself is
    /// 2010-11-04T01:42:54.657Z (checked with `date -u -d @1288834974.657`).
    @Test func decodesTimeFromID() throws {
        let id: UInt64 = 1_700_000_000_000_000_000
        let ms = try #require(Snowflake.unixMilliseconds(of: id))
        #expect(ms == (id >> 22) + 1_288_834_974_657)
        // Python: (1700000000000000000 >> 22) + 1288834974657 == 1694146559129
        #expect(ms == 1_694_146_559_129)
    }

    @Test func preSnowflakeIDsHaveNoTime() {
        #expect(Snowflake.date(of: 20) == nil)
    }
}

@Suite struct CalendarDayTests {
    @Test(arguments: [
        ("1970-01-01", 0, 4), ("2000-02-29", 11_016, 2), ("2024-03-10", 19_792, 7), ("2026-11-24", 20_781, 2),
    ])
    func roundTripsDaysSinceEpoch(iso: String, days: Int, weekday: Int) throws {
        let d = try #require(CalendarDay(iso: iso))
        #expect(d.daysSinceEpoch == days)
        #expect(CalendarDay(daysSinceEpoch: days) == d)
        #expect(d.isoWeekday == weekday)
        #expect(d.description == iso)
    }

    @Test func rejectsImpossibleDates() {
        #expect(CalendarDay(iso: "2023-02-29") == nil)
        #expect(CalendarDay(iso: "2024-13-01") == nil)
        #expect(CalendarDay(iso: "24-01-01") == nil)
    }

    @Test func previousRangeHasEqualLength() throws {
        let r = DateRange(start: try #require(CalendarDay(iso: "2025-03-01")), end: try #require(CalendarDay(iso: "2025-03-07")))
        #expect(r.previous.description == "2025-02-22..2025-02-28")
        #expect(r.dayCount == 7)
    }
}

@Suite struct LocalClockTests {
    /// NOTES.md: 2024-03-10T06:30Z is 01:30 EST, 07:30Z is 03:30 EDT in America/New_York.
    @Test func springForwardInNewYork() throws {
        let clock = try #require(LocalClock(identifier: "America/New_York"))
        let before = clock.local(Date(timeIntervalSince1970: 1_710_052_200)) // 2024-03-10T06:30:00Z
        let after = clock.local(Date(timeIntervalSince1970: 1_710_055_800))  // 2024-03-10T07:30:00Z
        #expect(before.text == "2024-03-10 01:30")
        #expect(after.text == "2024-03-10 03:30")
        #expect(after.isoWeekday == 7)
    }

    /// The clock's offset table must agree with Foundation's own answer everywhere: at seeded
    /// random instants from 2006 to 2044 and a second either side of every offset change, in zones
    /// with DST, half-hour DST (Lord Howe), abolished DST (São Paulo), a skipped day (Apia) and none.
    @Test(arguments: ["America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Sao_Paulo",
                      "Pacific/Apia", "Asia/Kolkata", "Asia/Tokyo", "UTC"])
    func offsetTableAgreesWithFoundation(zone: String) throws {
        let clock = try #require(LocalClock(identifier: zone))
        let tz = clock.timeZone
        var state: UInt64 = 42
        var instants: [Double] = []
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let fraction = Double(state >> 11) / Double(UInt64(1) << 53)
            instants.append((1_136_073_600 + fraction * 1_230_768_000).rounded(.down))
        }
        var probe = Date(timeIntervalSince1970: 1_136_073_600)
        while let next = tz.nextDaylightSavingTimeTransition(after: probe), next.timeIntervalSince1970 < 2_366_841_600 {
            instants += [next.timeIntervalSince1970 - 1, next.timeIntervalSince1970, next.timeIntervalSince1970 + 1]
            probe = next
        }
        instants += [1_136_073_599, 2_366_841_600, 0, 4_000_000_000]  // just outside the table: Foundation answers
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let expected = tz.secondsFromGMT(for: date)
            guard clock.local(date).utcOffsetSeconds == expected else {
                Issue.record("\(zone) at \(seconds): \(clock.local(date).utcOffsetSeconds) != \(expected)")
                return
            }
        }
    }

    @Test func startOfDayAcrossDST() throws {
        let clock = try #require(LocalClock(identifier: "Europe/Berlin"))
        let day = try #require(CalendarDay(iso: "2024-10-27"))
        // Midnight CEST (UTC+2) on the day clocks fall back: 2024-10-26T22:00Z.
        #expect(clock.startOfDay(day).timeIntervalSince1970 == 1_729_980_000)
    }
}

@Suite struct MetricValuesTests {
    /// The packing has room for ``MetricValues/capacity`` metrics; a metric beyond it (X added
    /// one) fails here first, and MetricValues' comment says what to change.
    @Test func everyMetricFitsTheCapacity() {
        #expect(Metric.allCases.count == Metric.count)
        #expect(Metric.count <= MetricValues.capacity, "read MetricValues' comment: the packing must grow")
        #expect(Metric.allCases.map(\.rawValue) == Array(0..<Metric.count))
        // Every metric at once, small (1 byte each: still packed) and large (past the 31 packed
        // bytes: stored wide): each reads back, the last metric (the highest code bits) included.
        var small = MetricValues()
        for metric in Metric.allCases { small[metric] = Int64(metric.rawValue) + 1 }
        for metric in Metric.allCases { #expect(small[metric] == Int64(metric.rawValue) + 1, "\(metric)") }
        #expect(small.presentMetrics == Metric.allCases)
        var full = MetricValues(), collector = MetricValues.Collector()
        for metric in Metric.allCases {
            full[metric] = 4_000_000_000 - Int64(metric.rawValue)
            collector.set(metric, 4_000_000_000 - Int64(metric.rawValue))
        }
        #expect(MetricValues(collector) == full)
        var wide = full
        wide[.impressions] = 1 << 40
        for metric in Metric.allCases {
            #expect(full[metric] == 4_000_000_000 - Int64(metric.rawValue), "\(metric)")
            #expect(wide[metric] == (metric == .impressions ? 1 << 40 : 4_000_000_000 - Int64(metric.rawValue)), "\(metric)")
        }
        #expect(full.presentMetrics == Metric.allCases)
    }

    @Test func absentDiffersFromZero() {
        var v = MetricValues()
        v[.likes] = 0
        #expect(v[.likes] == 0)
        #expect(v[.reposts] == nil)
        v[.likes] = nil
        #expect(v.isEmpty)
    }

    /// Counts past 32 bits (and sums that pass them) keep their exact values, and values are equal
    /// and hash alike whichever way they are stored.
    @Test func wideCountsAndSumsKeepTheirValues() {
        var small = MetricValues(), big = MetricValues()
        small[.impressions] = 2_000_000_000
        small[.likes] = 7
        big[.impressions] = 3_000_000_000
        big[.reposts] = -5
        #expect(big[.impressions] == 3_000_000_000 && big[.reposts] == -5 && big[.likes] == nil)
        big[.reposts] = nil
        #expect(big[.reposts] == nil && big.presentMetrics == [.impressions])
        var total = MetricValues()
        for _ in 0..<3 { total.add(small) }  // 6e9 passes Int32 on the second add
        #expect(total[.impressions] == 6_000_000_000 && total[.likes] == 21)
        total.add(big)
        #expect(total[.impressions] == 9_000_000_000 && total[.likes] == 21)
        #expect(total.count(.reposts) == 0 && total.has(.reposts) == false)
        // The same counts, one stored wide (it once held a big value), one narrow.
        var once = MetricValues()
        once[.likes] = Int64(Int32.max) + 1
        once[.likes] = 7
        once[.impressions] = 2_000_000_000
        #expect(once == small)
        #expect(once.hashValue == small.hashValue)
        var extremes = MetricValues()
        extremes[.impressions] = .max
        extremes[.engagements] = .min
        #expect(extremes[.impressions] == .max && extremes[.engagements] == .min)
        #expect(MemoryLayout<MetricValues>.stride <= 40)
    }

    /// Random sets and removals of counts of every width (1, 2, 4 bytes, wide) agree with a
    /// dictionary: the packing moves the counts after each change correctly.
    @Test func packedCountsAgreeWithADictionary() {
        var seed: UInt64 = 0x5EED
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 11 }
        let magnitudes: [Int64] = [0, 1, 255, 256, 65_535, 65_536, 4_294_967_295, 4_294_967_296]
        for round in 0..<200 {
            var values = MetricValues(), model: [Metric: Int64] = [:]
            for _ in 0..<60 {
                let metric = Metric.allCases[Int(next() % UInt64(Metric.count))]
                if next() % 5 == 0 {
                    values[metric] = nil
                    model[metric] = nil
                } else {
                    // Mostly small counts, so that many rounds stay packed; a few wide ones.
                    let limit = round % 4 == 0 ? magnitudes.count : magnitudes.count - 1
                    let value = magnitudes[Int(next() % UInt64(limit))] - Int64(next() % 2)
                    values[metric] = max(0, value)
                    model[metric] = max(0, value)
                }
                for m in Metric.allCases where values[m] != model[m] {
                    Issue.record("round \(round): \(m) is \(String(describing: values[m])), expected \(String(describing: model[m]))")
                    return
                }
            }
            #expect(values.presentMetrics == Metric.allCases.filter { model[$0] != nil })
            var rebuilt = MetricValues()
            for (m, v) in model { rebuilt[m] = v }
            #expect(rebuilt == values && rebuilt.hashValue == values.hashValue)
            // Ingest's path: the same counts collected in the dictionary's order, packed once.
            var collector = MetricValues.Collector()
            for (m, v) in model { collector.set(m, v) }
            let collected = MetricValues(collector)
            #expect(collected == values && collected.hashValue == values.hashValue)
            #expect(collector.isEmpty == model.isEmpty)
        }
    }

    /// Collected counts that cannot be packed (negative, past 32 bits, or more than the packing
    /// holds) are all kept wide, with their exact values.
    @Test func collectedCountsThatDoNotPackStayExact() {
        var negative = MetricValues.Collector()
        negative.set(.likes, 3)
        negative.set(.reposts, -2)
        let values = MetricValues(negative)
        #expect(values[.likes] == 3 && values[.reposts] == -2 && values[.impressions] == nil)
        var every = MetricValues.Collector()
        for m in Metric.allCases.reversed() { every.set(m, 70_000 + Int64(m.rawValue)) }  // 4 bytes each: 112 > 31
        let all = MetricValues(every)
        for m in Metric.allCases { #expect(all[m] == 70_000 + Int64(m.rawValue)) }
        #expect(all.presentMetrics == Metric.allCases)
    }

    @Test func metricKeysRoundTrip() {
        for m in Metric.allCases { #expect(Metric(key: m.key) == m) }
        #expect(Metric.allCases.count == Metric.count)
        #expect(Metric(key: "retweets") == .reposts)
    }
}

/// Promoted counts live in the post's source; the post stays small and round-trips them.
@Suite struct PostLayoutTests {
    @Test func promotedCountsRoundTripAndKeepPostsSmall() {
        var values = MetricValues()
        values[.impressions] = 1200
        var post = Post(id: 1, text: "x", postedAt: Date(timeIntervalSince1970: 0), timeSource: .snowflake,
                        metrics: MetricValues(), promoted: values, origin: SourceLocation(file: "f", line: 2))
        #expect(post.promoted?[.impressions] == 1200)
        #expect(post.isPromoted)
        post.promoted = nil
        #expect(post.promoted == nil && !post.isPromoted)
        #expect(MemoryLayout<Post>.stride <= 80)
    }
}

/// An export's posts read their text from the export's bytes: the reader's decoding is applied,
/// the file's pages are let go after every 32 MB read, and a changed text becomes the post's own.
@Suite struct PostSourceTests {
    final class Owner: Sendable {}
    final class Releases: @unchecked Sendable { var count = 0 }

    @Test func textsComeFromTheSharedBytesAndReleaseTheirPages() throws {
        let content = Array("hello \"\"quoted\"\" world|second".utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: content.count)
        defer { buffer.deallocate() }
        _ = buffer.initialize(from: content)
        let releases = Releases()
        let bytes = PostSource.TextBytes(UnsafeBufferPointer(buffer), owner: Owner(), decode: { slice, doubled in
            let text = String(decoding: slice, as: UTF8.self)
            return doubled ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
        }, release: { releases.count += 1 })
        let source = PostSource(file: "export.csv", bytes: bytes, linkStem: "https://x.com/a/status/")
        let first = try #require(PostSource.TextSpan(offset: 0, length: 22, doubledQuotes: true))
        let second = try #require(PostSource.TextSpan(offset: 23, length: 6, doubledQuotes: false))
        var post = Post(id: 42, postedAt: Date(timeIntervalSince1970: 0), timeSource: .snowflake, metrics: MetricValues(),
                        source: source, textSpan: first, line: 3, sharedLink: true)
        var promotedValues = MetricValues()
        promotedValues[.impressions] = 900
        let other = Post(id: 43, postedAt: Date(timeIntervalSince1970: 0), timeSource: .snowflake, metrics: MetricValues(),
                         source: source.promoting(promotedValues), textSpan: second, line: 4, sharedLink: false)
        #expect(post.text == "hello \"quoted\" world" && other.text == "second")
        #expect(post.permalink == "https://x.com/a/status/42" && other.permalink == nil)
        #expect(post.origin == SourceLocation(file: "export.csv", line: 3) && post.promoted == nil)
        // A promoted post's source adds its counts and still reads the shared bytes.
        #expect(other.promoted?[.impressions] == 900 && other.origin == SourceLocation(file: "export.csv", line: 4))
        // Each read counts at least a page: 32 MB of reads lets the pages go once.
        let before = releases.count
        for _ in 0..<(PostSource.TextBytes.releaseStride / 4096) { _ = other.text }
        #expect(releases.count == before + 1)
        // A changed text is the post's own; the rest stays.
        post.text = "edited"
        #expect(post.text == "edited" && post.permalink == "https://x.com/a/status/42" && post.origin.line == 3)
        // Promoting keeps the text and link; so does a changed text of a promoted post.
        post.promoted = promotedValues
        #expect(post.text == "edited" && post.permalink == "https://x.com/a/status/42" && post.promoted == promotedValues)
        var promotedOther = other
        promotedOther.text = "changed"
        #expect(promotedOther.promoted == promotedValues && promotedOther.text == "changed" && promotedOther.permalink == nil)
        #expect(PostSource.TextSpan(offset: 0, length: 1 << 23, doubledQuotes: false) == nil)
    }
}

@Suite struct ZoneNameTests {
    @Test func utcIsCalledUTC() {
        #expect(LocalClock.utc.zoneName == "UTC")
        #expect(LocalClock(identifier: "Europe/Berlin")?.zoneName == "Europe/Berlin")
    }

    @Test(arguments: [
        ("team@example.com", "team@example.com", nil),
        ("  Weekly report <reports@example.com> ", "reports@example.com", "Weekly report"),
        ("\"Berg, Anna\" <anna.berg+x@mail.example.co.uk>", "anna.berg+x@mail.example.co.uk", "Berg, Anna"),
        ("root@localhost", "root@localhost", nil),
    ] as [(String, String, String?)])
    func emailAddressesParse(_ text: String, _ address: String, _ name: String?) throws {
        let parsed = try #require(EmailAddress(text))
        #expect(parsed.address == address && parsed.name == name)
    }

    @Test(arguments: ["not an address", "", "a@", "@example.com", "a..b@example.com", ".a@example.com", "a@-example.com",
                      "a@exa_mple.com", "a b@example.com", "a@example..com", "Name <a@example.com", "x <a@example.com>\nBcc: b@example.com"])
    func nonAddressesAreRefused(_ text: String) {
        #expect(EmailAddress(text) == nil, "\(text)")
    }

    @Test func addressListsNameTheFirstBadItem() {
        #expect((try? EmailAddress.list("a@example.com, B <b@example.com>").get())?.map(\.address) == ["a@example.com", "b@example.com"])
        guard case .failure(let error) = EmailAddress.list("a@example.com,  nobody ") else { Issue.record("accepted"); return }
        #expect(error.description == "\"nobody\" is not an email address (expected name@example.com or Name <name@example.com>)")
    }
}
