import CCairo
import Foundation

/// Reads a PNG back into pixels, so tests and checks can look at what was drawn.
///
/// ```swift
/// let png = try PNGInspector(path: "/tmp/chart.png")
/// #expect(png.distinctColorCount > 10)
/// ```
public struct PNGInspector: Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Pixels row by row as 0xAARRGGBB (premultiplied alpha, as Cairo stores them).
    public let pixels: [UInt32]

    /// Decodes the PNG at `path`.
    /// - Throws: ``ChartsError/unreadablePNG(path:message:)`` when the file is missing or not a PNG.
    public init(path: String) throws {
        let surface = cairo_image_surface_create_from_png(path)
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ChartsError.unreadablePNG(path: path, message: String(cString: cairo_status_to_string(status)))
        }
        cairo_surface_flush(surface)
        let w = Int(cairo_image_surface_get_width(surface))
        let h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var out = [UInt32](repeating: 0, count: w * h)
        if let data = cairo_image_surface_get_data(surface) {
            for y in 0..<h {
                let row = UnsafeRawPointer(data + y * stride)
                for x in 0..<w { out[y * w + x] = row.load(fromByteOffset: x * 4, as: UInt32.self) }
            }
        }
        width = w
        height = h
        pixels = out
    }

    /// The pixel at column `x`, row `y` as 0xAARRGGBB.
    public func pixel(x: Int, y: Int) -> UInt32 { pixels[y * width + x] }

    /// How many different pixel values the image holds (1 for a blank image).
    public var distinctColorCount: Int { Set(pixels).count }

    /// The share of pixels (0…1) that differ from the top-left pixel, taken as the background.
    public var inkedFraction: Double {
        guard let background = pixels.first, !pixels.isEmpty else { return 0 }
        return Double(pixels.lazy.filter { $0 != background }.count) / Double(pixels.count)
    }
}
