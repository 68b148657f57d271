import Charts
import Foundation
import Testing

/// A fresh directory under the system temp folder; also kept under CHARTS_PREVIEW_DIR when set,
/// so a person can look at what the tests drew.
struct TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appending(path: "engage-charts-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { url.appending(path: name).path }
}

enum PNGChecks {
    /// Width and height from the IHDR chunk, read straight from the file bytes.
    static func ihdrSize(_ path: String) throws -> (width: Int, height: Int) {
        let data = try Data(contentsOf: URL(filePath: path))
        try #require(data.count > 24)
        let bytes = [UInt8](data.prefix(24))
        #expect(bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        func be(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    static func expectChartPNG(at path: String, width: Int, height: Int) throws {
        let size = try ihdrSize(path)
        #expect(size.width == width)
        #expect(size.height == height)
        let png = try PNGInspector(path: path)
        #expect(png.width == width && png.height == height)
        #expect(png.distinctColorCount > 20, "a chart uses many colours (antialiased text, palette)")
        #expect(png.inkedFraction > 0.02, "something drawn on the background")
        if let preview = ProcessInfo.processInfo.environment["CHARTS_PREVIEW_DIR"] {
            let target = URL(filePath: preview).appending(path: URL(filePath: path).lastPathComponent)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: URL(filePath: path), to: target)
        }
    }
}
