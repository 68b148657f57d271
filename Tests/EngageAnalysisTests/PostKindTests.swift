import Testing
@testable import EngageAnalysis

/// The byte scan that decides whether a post carries a link.
@Suite struct PostKindTests {
    @Test(arguments: [
        ("see https://example.com/x", true), ("http://a.b", true), ("(https://t.co/abc)", true),
        ("ahttps://b", true), ("httpx://nope", false), ("http:/half", false), ("https:", false),
        ("no link here", false), ("", false), ("HTTP://UPPER", false), ("日本語 https://例.jp 🎉", true),
    ])
    func detectsURLs(text: String, expected: Bool) {
        #expect(BestHoursPostKind.containsURL(text) == expected)
    }
}
