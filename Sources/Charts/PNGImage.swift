import CCairo
import Foundation

/// A raster image to draw on and save as PNG.
///
/// Sizes are in points; `scale` 2 makes a retina image with twice the pixels in each direction
/// while charts lay out exactly as at scale 1.
///
/// ```swift
/// let image = try PNGImage(width: 800, height: 450, scale: 2)
/// chart.draw(in: image.canvas, rect: image.canvas.bounds)
/// try image.write(to: "/tmp/chart.png")
/// ```
public final class PNGImage {
    private let surface: OpaquePointer
    /// The canvas to draw on (points, top-left origin), cleared to `background`.
    public let canvas: Canvas
    /// Pixel width: `width × scale`, rounded.
    public let pixelWidth: Int
    /// Pixel height: `height × scale`, rounded.
    public let pixelHeight: Int

    /// Creates an image `width` × `height` points at `scale` pixels per point, filled with `background`.
    /// - Parameters:
    ///   - scale: 1 for ordinary images, 2 for retina. Default 1.
    ///   - background: Default white.
    /// - Throws: ``ChartsError/invalidSize(_:)`` for non-positive sizes or more than 20,000 pixels a side.
    public init(width: Double, height: Double, scale: Double = 1, background: RGBColor = .white) throws {
        let pw = (width * scale).rounded(), ph = (height * scale).rounded()
        guard width.isFinite, height.isFinite, scale.isFinite, scale > 0,
              pw >= 1, ph >= 1, pw <= 20_000, ph <= 20_000 else {
            throw ChartsError.invalidSize("\(width) × \(height) points at scale \(scale)")
        }
        pixelWidth = Int(pw)
        pixelHeight = Int(ph)
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pixelWidth), Int32(pixelHeight))
        canvas = Canvas(surface: surface, size: CGSize(width: width, height: height), scale: scale)
        canvas.fill(canvas.bounds, color: background)
    }

    deinit { cairo_surface_destroy(surface) }

    /// Writes the image as a PNG file at `path`, replacing any file there.
    /// - Throws: ``ChartsError`` naming `path`: drawing, encoding or writing failed.
    public func write(to path: String) throws {
        if let failure = canvas.failure {
            throw ChartsError.cairoFailed(message: failure, path: path, action: "drawing")
        }
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else {
            throw ChartsError.cairoFailed(message: "the image has no pixels", path: path, action: "drawing")
        }
        let png = PNGEncoder.encode(data: data, width: pixelWidth, height: pixelHeight,
                                    stride: Int(cairo_image_surface_get_stride(surface)))
        try Self.save(png, to: path)
    }

    /// Writes `bytes` to `path`, naming the system's reason when it cannot.
    private static func save(_ bytes: [UInt8], to path: String) throws(ChartsError) {
        guard let file = fopen(path, "wb") else {
            throw .writeFailed(message: String(cString: strerror(errno)), path: path, action: "writing PNG")
        }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let failure = written == bytes.count ? 0 : errno
        if fclose(file) != 0 || failure != 0 {
            let code = failure != 0 ? failure : errno
            throw .writeFailed(message: String(cString: strerror(code)), path: path, action: "writing PNG")
        }
    }
}
