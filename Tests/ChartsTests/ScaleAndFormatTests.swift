@testable import Charts
import Foundation
import Testing

@Suite struct ScaleAndFormatTests {
    /// Hand-worked cases: 87/5 = 17.4 → next 1-2-5 step is 20.
    @Test func knownScales() {
        #expect(AxisScale(dataMin: 3, dataMax: 87, maxTicks: 6, includeZero: true).ticks == [0, 20, 40, 60, 80, 100])
        #expect(AxisScale(dataMin: 0.0123, dataMax: 0.0391, maxTicks: 6).ticks == [0.01, 0.02, 0.03, 0.04])
        #expect(AxisScale(dataMin: -7, dataMax: 12, maxTicks: 5).ticks == [-10, 0, 10, 20])
        #expect(AxisScale(dataMin: 0, dataMax: 0, maxTicks: 6).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(AxisScale(dataMin: .nan, dataMax: .infinity, maxTicks: 6).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    /// Properties over many seeded random ranges: ticks cover the data, steps are 1, 2 or 5 × 10ⁿ,
    /// and there are never more than asked for.
    @Test func scalePropertiesHold() throws {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            let magnitude = pow(10, Double.random(in: -4...9, using: &generator))
            let a = Double.random(in: -1...1, using: &generator) * magnitude
            let b = a + Double.random(in: 0.001...3, using: &generator) * magnitude
            let maxTicks = Int.random(in: 2...9, using: &generator)
            let scale = AxisScale(dataMin: a, dataMax: b, maxTicks: maxTicks)
            try #require(scale.step.isFinite && scale.step > 0 && scale.lower.isFinite && scale.upper.isFinite,
                         "\(a) \(b) \(maxTicks) → \(scale)")
            let ticks = scale.ticks
            #expect(ticks.count <= max(maxTicks, a < 0 && b > 0 ? 3 : 2) && ticks.count >= 2)
            #expect(scale.lower <= a + abs(a) * 1e-12 && scale.upper >= b - abs(b) * 1e-12)
            let mantissa = scale.step / pow(10, floor(log10(scale.step)))
            #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 }, "step \(scale.step)")
            #expect(ticks.allSatisfy { $0.isFinite })
        }
    }

    @Test(arguments: [
        (0.0, 500.0, "0"), (950.0, 50.0, "950"), (1000.0, 500.0, "1k"), (1500.0, 500.0, "1.5k"),
        (1234.0, 1.0, "1.23k"), (25_000.0, 5000.0, "25k"), (3_400_000.0, 100_000.0, "3.4M"),
        (2_000_000_000.0, 1e9, "2B"), (-1500.0, 500.0, "-1.5k"), (0.5, 0.5, "0.5"), (999_999.0, 1.0, "1M"),
    ])
    func compactLabels(value: Double, step: Double, expected: String) {
        #expect(ValueFormat.compact.string(value, step: step) == expected)
    }

    @Test(arguments: [
        (0.034, 0.01, "3%"), (0.034, 0.001, "3.4%"), (0.005, 0.005, "0.5%"), (0.0, 0.005, "0.0%"),
        (0.12345, 0.0001, "12.35%"), (-0.02, 0.01, "-2%"), (1.0, 0.25, "100%"),
    ])
    func percentLabels(value: Double, step: Double, expected: String) {
        #expect(ValueFormat.percent.string(value, step: step) == expected)
    }

    @Test func fixedFormatsAndNonFinite() {
        #expect(ValueFormat.percent(decimals: 2).string(0.0256) == "2.56%")
        #expect(ValueFormat.decimal(places: 1).string(-0.04) == "0.0")
        #expect(ValueFormat.compact.string(.nan) == "–")
        #expect(ValueFormat.percent.string(.infinity) == "–")
    }

    /// Tick labels on a scale are all different from one another.
    @Test func tickLabelsAreDistinct() {
        for (low, high) in [(0.0, 0.031), (0.0, 1234.0), (0.0, 2.4e6), (0.011, 0.0135), (0, 7.0)] {
            let scale = AxisScale(dataMin: low, dataMax: high, maxTicks: 7, includeZero: false)
            for format in [ValueFormat.compact, .percent] {
                let labels = scale.ticks.map { format.string($0, step: scale.step) }
                #expect(Set(labels).count == labels.count, "\(labels)")
            }
        }
    }

    /// Category labels chosen for the x axis never overlap, however many there are.
    @Test(arguments: [1, 2, 7, 28, 90, 365, 3000])
    func thinnedLabelsDoNotOverlap(count: Int) throws {
        let canvas = try PNGImage(width: 600, height: 300).canvas
        let style = TextStyle(size: 9)
        let labels = (0..<count).map { "Day \($0)" }
        let width = labels.map { canvas.width(of: $0, style: style) }.max() ?? 0
        let span = 500.0
        let shown = ChartLayout.thinnedIndexes(count: count, span: span, labelWidth: width)
        #expect(shown.first == 0)
        let spacing = count > 1 ? span / Double(count - 1) : span
        for (a, b) in zip(shown, shown.dropFirst()) {
            #expect(Double(b - a) * spacing >= width + 10 - 1e-9)
        }
    }

    @Test func heatColourScaleHitsItsStops() {
        let map = Samples.heatmap
        let theme = map.theme
        #expect(map.color(for: 0, low: 0, mid: 0.5, high: 1) == theme.heatLow)
        #expect(map.color(for: 0.5, low: 0, mid: 0.5, high: 1) == theme.heatMid)
        #expect(map.color(for: 1, low: 0, mid: 0.5, high: 1) == theme.heatHigh)
    }

    @Test func kpiColourFollowsTheCallersSenseOfBetter() {
        let theme = ChartTheme.standard
        #expect(KPITile(label: "", value: "", direction: .up, higherIsBetter: true).changeColor == theme.positiveColor)
        #expect(KPITile(label: "", value: "", direction: .down, higherIsBetter: true).changeColor == theme.negativeColor)
        #expect(KPITile(label: "", value: "", direction: .up, higherIsBetter: false).changeColor == theme.negativeColor)
        #expect(KPITile(label: "", value: "", direction: .up).changeColor == theme.secondaryTextColor)
        #expect(KPITile(label: "", value: "", direction: .flat, higherIsBetter: true).changeColor == theme.secondaryTextColor)
    }

    @Test func tableSplitsRowsAcrossPages() throws {
        let canvas = try PNGImage(width: 600, height: 800).canvas
        let table = TableDrawer(columns: [.init(title: "Text", width: 200), .init(title: "n", width: 60, alignment: .right)])
        let rows = (0..<100).map { ["row \($0)", "\($0)"] }
        var next = 0, pages = 0
        var drawn = 0
        while next < rows.count {
            let result = table.draw(rows: rows, from: next, in: canvas, at: CGPoint(x: 10, y: 10), maxHeight: 300)
            #expect(result.height <= 300)
            #expect(result.nextRow > next)
            drawn += result.nextRow - next
            next = result.nextRow
            pages += 1
        }
        #expect(drawn == rows.count)
        let perPage = Int((300 - table.headerHeight(in: canvas)) / table.rowHeight(["row"], in: canvas))
        #expect(pages == Int((Double(rows.count) / Double(perPage)).rounded(.up)))
    }
}

/// A small seeded generator so property tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
