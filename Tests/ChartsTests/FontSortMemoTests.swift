import CFontTuning
@testable import Charts
import Foundation
import Testing

/// `CFontTuning` remembers fontconfig's font sorts (FcFontSetSort) across Pango's font maps and
/// across sizes: a remembered sort must be exactly the one fontconfig computes, font for font.
@Suite struct FontSortMemoTests {
    /// Patterns made the way Pango 1.50 makes them (family, weight, pixel size, language, then
    /// fontconfig's substitutions), sorted through the hook and by fontconfig directly. The sizes
    /// include 109 px, the colour emoji font's only bitmap size, where its score changes.
    @Test func rememberedSortsAreFontconfigsOwn() throws {
        let config = try #require(FcConfigGetCurrent())
        let fonts = try #require(FcConfigGetFonts(config, FcSetSystem))
        #expect(fonts.pointee.nfont > 10, "fontconfig sees the installed fonts")
        let before = engage_font_sort_remembered()
        var compared = 0
        for family in ["DejaVu Sans", "Noto Sans CJK JP", "emoji", "sans-serif", "No Such Family"] {
            for language in [nil, "c", "ja", "ar", "th"] as [String?] {
                for weight in [80.0, 200.0] {
                    for pixels in [8.5, 17, 21, 54.5, 109, 110.5, 218] {
                        for trim in [FcBool(1), FcBool(0)] {
                            let pattern = try #require(FcPatternCreate())
                            defer { FcPatternDestroy(pattern) }
                            add(family, as: FC_FAMILY, to: pattern)
                            if let language { add(language, as: FC_LANG, to: pattern) }
                            FcPatternAddDouble(pattern, FC_WEIGHT, weight)
                            FcPatternAddDouble(pattern, FC_PIXEL_SIZE, pixels)
                            FcConfigSubstitute(config, pattern, FcMatchPattern)
                            FcDefaultSubstitute(pattern)
                            let hooked = sorted(FcFontSetSort, config, fonts, pattern, trim)
                            let direct = sorted(engage_font_sort_uncached, config, fonts, pattern, trim)
                            #expect(hooked == direct, "\(family), \(language ?? "no language"), \(weight), \(pixels) px, trim \(trim)")
                            #expect(!direct.isEmpty)
                            compared += 1
                        }
                    }
                }
            }
        }
        // Seven sizes share a sort except at 109 px: most of the calls were answered from memory.
        #expect(engage_font_sort_remembered() - before >= compared / 2)
    }

    /// Text drawn at many sizes reaches the hook: after the first size, fontconfig is not asked again.
    @Test func textAtManySizesUsesRememberedSorts() async throws {
        let canvas = try PNGImage(width: 200, height: 100).canvas
        let before = engage_font_sort_remembered()
        for size in stride(from: 30.25, through: 40, by: 0.5) {
            _ = canvas.width(of: "Size ✨ 日本語", style: TextStyle(size: size))
        }
        // Pango sorts in a thread of its own per new size; wait for those of the last sizes.
        let deadline = ContinuousClock.now + .seconds(10)
        while engage_font_sort_remembered() - before < 10, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        #expect(engage_font_sort_remembered() - before >= 10)
    }

    private func add(_ text: String, as object: String, to pattern: OpaquePointer) {
        text.withCString { chars in
            chars.withMemoryRebound(to: FcChar8.self, capacity: text.utf8.count + 1) { _ = FcPatternAddString(pattern, object, $0) }
        }
    }

    private typealias Sort = (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<FcFontSet>?>?, Int32, OpaquePointer?,
                              FcBool, UnsafeMutablePointer<OpaquePointer?>?, UnsafeMutablePointer<FcResult>?) -> UnsafeMutablePointer<FcFontSet>?

    /// The fonts `sort` returns, as pointers in order.
    private func sorted(_ sort: Sort, _ config: OpaquePointer, _ fonts: UnsafeMutablePointer<FcFontSet>,
                        _ pattern: OpaquePointer, _ trim: FcBool) -> [OpaquePointer?] {
        var sets: [UnsafeMutablePointer<FcFontSet>?] = [fonts]
        var result = FcResultNoMatch
        guard let set = sort(config, &sets, 1, pattern, trim, nil, &result) else { return [] }
        defer { FcFontSetDestroy(set) }
        return (0..<Int(set.pointee.nfont)).map { set.pointee.fonts[$0] }
    }
}
