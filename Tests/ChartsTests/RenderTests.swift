import Charts
import Foundation
import Testing

/// Every chart type renders to a PNG of the asked size that is not blank.
@Suite struct RenderTests {
    static let charts: [(String, any Chart)] = [
        ("line-two-axes", Samples.lineChart),
        ("line-rate", Samples.rateChart),
        ("bars-horizontal", Samples.horizontalBars),
        ("bars-vertical", Samples.verticalBars),
        ("intervals", Samples.intervals),
        ("intervals-vertical", Samples.verticalIntervals),
        ("heatmap", Samples.heatmap),
    ]

    @Test(arguments: charts.indices)
    func rendersRetinaPNG(_ index: Int) throws {
        let (name, chart) = Self.charts[index]
        let dir = try TempDir()
        let path = dir.file("\(name).png")
        try chart.renderPNG(path: path, width: 800, height: 450, scale: 2)
        try PNGChecks.expectChartPNG(at: path, width: 1600, height: 900)
    }

    @Test func scaleOneMatchesPointSize() throws {
        let dir = try TempDir()
        let path = dir.file("small.png")
        try Samples.verticalBars.renderPNG(path: path, width: 480, height: 300, scale: 1)
        try PNGChecks.expectChartPNG(at: path, width: 480, height: 300)
    }
}
