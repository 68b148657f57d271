import EngageModel
import Foundation
import Testing
@testable import EngageIngest

@Suite("Values parsed from bytes")
struct ValueParsingTests {
    @Test("counts", arguments: [
        ("1938.0", false, NumberParser.Count.value(1938)),
        ("0", false, .value(0)),
        ("0.0", false, .value(0)),
        ("42", false, .value(42)),
        (" 42 ", false, .value(42)),
        ("1.2345678E7", false, .value(12_345_678)),
        ("1E3", false, .value(1000)),
        ("1,938", false, .value(1938)),
        ("1,234,567", false, .value(1_234_567)),
        ("1938,0", true, .value(1938)),
        ("1938.0", true, .value(1938)),
        ("-", false, .absent),
        ("", false, .absent),
        ("  ", false, .absent),
        ("1.2k", false, .notANumber),
        ("12,34", false, .notANumber),
        ("abc", false, .notANumber),
        ("1,5", true, .fractional),
        ("-2.0", false, .negative),
        ("1.5", false, .fractional),
        ("99999999999999999999", false, .tooLarge),
        ("9.3E18", false, .tooLarge),
    ])
    func counts(text: String, decimalComma: Bool, expected: NumberParser.Count) {
        #expect(withBytes(text) { NumberParser.count($0, decimalComma: decimalComma) } == expected)
    }

    @Test("rates", arguments: [
        ("5.595970900951316E-4", false, 5.595970900951316E-4 as Double?),
        ("0.016247379454926623", false, 0.016247379454926623),
        ("0,024767801857585137", true, 0.024767801857585137),
        ("0.0", false, 0.0),
        ("1", false, 1.0),
        ("12.5%", false, 0.125),
        ("0.12345678901234567890123", false, 0.12345678901234567890123),
        ("NaN", false, nil),
        ("Infinity", false, nil),
        ("-", false, nil),
        ("x", false, nil),
    ])
    func rates(text: String, decimalComma: Bool, expected: Double?) {
        #expect(withBytes(text) { NumberParser.double($0, decimalComma: decimalComma) } == expected)
    }

    /// Random doubles written by the standard library (shortest round-trip form, and
    /// Java-like scientific form) read back exactly.
    @Test("random rates round-trip")
    func ratesRoundTrip() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let value = Double.random(in: 0..<1, using: &rng) * pow(10, Double(Int.random(in: -8...3, using: &rng)))
            let plain = "\(value)"
            let scientific = String(format: "%.17E", value)
            #expect(withBytes(plain) { NumberParser.double($0, decimalComma: false) } == value, "\(plain)")
            #expect(withBytes(scientific) { NumberParser.double($0, decimalComma: false) } == value, "\(scientific)")
        }
    }

    @Test("post ids are whole UInt64s, never Doubles", arguments: [
        ("1874243934972301352", UInt64(1_874_243_934_972_301_352) as UInt64?),
        ("18446744073709551615", UInt64.max),
        (" 20 ", 20),
        ("18446744073709551616", nil),
        ("1.87424E+18", nil),
        ("", nil),
        ("-5", nil),
        ("12a", nil),
    ])
    func postIDs(text: String, expected: UInt64?) {
        #expect(withBytes(text) { NumberParser.postID($0) } == expected)
    }

    @Test("legacy time column", arguments: [
        ("2016-12-23 18:50 +0000", utc(2016, 12, 23, 18, 50) as Date?),
        ("2016-12-23 18:50", utc(2016, 12, 23, 18, 50)),
        ("2016-12-23T18:50:07Z", utc(2016, 12, 23, 18, 50, 7)),
        ("2016-12-23 18:50 +0100", utc(2016, 12, 23, 17, 50)),
        ("2016-12-23 18:50 -05:00", utc(2016, 12, 23, 23, 50)),
        ("2016-02-30 18:50 +0000", nil),
        ("23/12/2016 18:50", nil),
        ("", nil),
    ])
    func times(text: String, expected: Date?) {
        let seconds = withBytes(text) { DateParser.timestamp($0) }
        #expect(seconds.map { Date(timeIntervalSince1970: Double($0)) } == expected)
    }

    @Test("dates of content and daily exports", arguments: [
        ("Mon Feb 03 2025", "2025-02-03", 1 as Int?),
        ("Sun, Nov 9, 2025", "2025-11-09", 7),
        ("Tue, Feb 18, 2025", "2025-02-18", 2),
        ("2021-08-01", "2021-08-01", nil),
        ("2021/08/01", "2021-08-01", nil),
        ("2021-08-01 00:00:00", "2021-08-01", nil),
        ("Feb 3, 2025", "2025-02-03", nil),
        ("3 February 2025", "2025-02-03", nil),
        ("Wednesday, September 3, 2025", "2025-09-03", 3),
    ])
    func days(text: String, iso: String, weekday: Int?) throws {
        let parsed = try #require(withBytes(text) { DateParser.day($0) })
        #expect(parsed.day.description == iso)
        #expect(parsed.statedWeekday == weekday)
        if let weekday { #expect(parsed.day.isoWeekday == weekday) }
    }

    @Test("unreadable dates", arguments: ["", "Feb 2025", "2025-13-01", "Mon Foo 03 2025", "Mon Feb 30 2025", "hello"])
    func badDays(text: String) {
        #expect(withBytes(text) { DateParser.day($0) } == nil)
    }

    @Test("handle and window end from file names", arguments: [
        ("tweet_activity_metrics_northwind_roasters_20250801_20251031_en.csv", "northwind_roasters" as String?, "2025-10-31" as String?),
        ("some/dir/daily_tweet_activity_metrics_acme_20210801_20210831_en.csv", "acme", "2021-08-31"),
        ("tweet_activity_metrics_acme_20250101_20250331_en (1).csv", "acme", "2025-03-31"),
        ("account_overview_northwind_roasters_20251001_20251123.csv", "northwind_roasters", "2025-11-23"),
        ("content_northwind_roasters_20251001_20251123.csv", "northwind_roasters", "2025-11-23"),
        ("account_analytics_content_2025-02-01_2025-02-28.csv", nil, "2025-02-28"),
        ("export_20250101_20250201.csv", nil, "2025-02-01"),
        ("export.csv", nil, nil),
        ("tweet_activity_metrics_a-b_20250101_20250131_en.csv", nil, "2025-01-31"),
    ])
    func fileNames(path: String, handle: String?, end: String?) {
        let name = ExportFileName(path: path)
        #expect(name.handle == handle)
        #expect(name.windowEnd?.description == end)
    }

    @Test("handle from permalinks", arguments: [
        ("https://twitter.com/lumen_bakery/status/812369753535442944", "lumen_bakery" as String?),
        ("https://x.com/Acme/status/1", "Acme"),
        ("http://www.twitter.com/acme/status/1", "acme"),
        ("https://x.com/lumen_bakery/status/undefined", "lumen_bakery"),
        ("https://x.com/i/status/1", nil),
        ("https://example.com/acme/status/1", nil),
        ("", nil),
    ])
    func permalinks(link: String, handle: String?) {
        #expect(ExportFileName.handle(fromPermalink: link) == handle)
    }

    @Test("encodings: BOMs, UTF-16 transcoding, invalid UTF-8 offsets")
    func encodings() throws {
        let folder = try TemporaryFolder()
        let utf16 = try folder.write("a.txt", bytes: [0xFF, 0xFE] + Array("é🎉\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let decoded = try DecodedText(try InputBytes(path: utf16))
        #expect(decoded.encoding == .utf16LE(bom: true))
        withExtendedLifetime(decoded) { #expect(Array(decoded.bytes) == Array("é🎉\n".utf8)) }

        let be = try folder.write("b.txt", bytes: [0xFE, 0xFF] + Array("ab".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        let decodedBE = try DecodedText(try InputBytes(path: be))
        withExtendedLifetime(decodedBE) { #expect(Array(decodedBE.bytes) == Array("ab".utf8)) }

        for (bytes, offset) in [([0x61, 0x62, 0xE9, 0x63], 2), ([0x61, 0xC0, 0xAF], 1), ([0xED, 0xA0, 0x80], 0),
                                (Array("ok ok ok ok".utf8) + [0xF4, 0x90, 0x80, 0x80], 11), ([0x61, 0xE2, 0x82], 1)] as [([UInt8], Int)] {
            #expect(bytes.withUnsafeBufferPointer { DecodedText.firstInvalidUTF8($0) } == offset)
        }
        let valid = Array("plain ascii text, then é, 日本, 🎉 and more ascii to pass eight bytes".utf8)
        #expect(valid.withUnsafeBufferPointer { DecodedText.firstInvalidUTF8($0) } == nil)
    }
}

/// The integer-arithmetic instant reader and writer agree with Foundation's ISO 8601 formatter.
@Suite struct InstantTextTests {
    @Test func plainUTCInstantsMatchFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let date = Date(timeIntervalSince1970: Double(Int(state >> 33) % 4_102_444_800 - 100_000_000))
            let text = formatter.string(from: date)
            #expect(NormalisedData.iso(date) == text)
            #expect(EngagementResponse.parsePlainUTC(text) == date, "\(text)")
        }
        for bad in ["2025-02-30T00:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01 00:00:00Z", "2025-01-01T00:00:00+01:00"] {
            #expect(EngagementResponse.parsePlainUTC(bad) == nil, "\(bad)")
        }
        #expect(EngagementResponse.parseInstant("2025-01-01T00:00:00.250Z") == Date(timeIntervalSince1970: 1_735_689_600.25))
    }
}
