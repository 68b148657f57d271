@testable import Charts
import Foundation
import Testing

/// engage's own PNG encoder, read back by libpng (through Cairo's PNG reader), an independent decoder
/// that also checks every chunk's CRC.
@Suite struct PNGEncoderTests {
    /// A seeded mix of flat runs (which Up and Sub filter to zeros) and noise (which they don't),
    /// as native-endian ARGB32 with `alpha` for every pixel, premultiplied as Cairo stores it.
    static func pixels(width: Int, height: Int, stride: Int, alpha: UInt32) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt32 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt32(truncatingIfNeeded: state >> 33)
        }
        var bytes = [UInt8](repeating: 0xEE, count: height * stride)  // padding past each row's pixels
        for y in 0..<height {
            for x in 0..<width {
                let colour = (y / 7 + x / 13) % 3 == 0 ? next() : UInt32(0x3366_99) &+ UInt32(y / 10)
                var channels = [colour >> 16 & 0xFF, colour >> 8 & 0xFF, colour & 0xFF].map { $0 * alpha / 255 }
                channels.insert(alpha, at: 0)
                let pixel = channels.reduce(0) { $0 << 8 | $1 }
                withUnsafeBytes(of: pixel.littleEndian) { bytes.replaceSubrange((y * stride + 4 * x)..<(y * stride + 4 * x + 4), with: $0) }
            }
        }
        return bytes
    }

    static func encodeAndDecode(_ bytes: [UInt8], width: Int, height: Int, stride: Int) throws -> PNGInspector {
        let png = bytes.withUnsafeBufferPointer {
            PNGEncoder.encode(data: $0.baseAddress!, width: width, height: height, stride: stride)
        }
        let path = try TempDir().file("encoded.png")
        try Data(png).write(to: URL(filePath: path))
        return try PNGInspector(path: path)
    }

    @Test(arguments: [(1, 1), (3, 2), (97, 41), (640, 360)])
    func opaquePixelsComeBackExactly(width: Int, height: Int) throws {
        let stride = width * 4 + 8
        let bytes = Self.pixels(width: width, height: height, stride: stride, alpha: 255)
        let decoded = try Self.encodeAndDecode(bytes, width: width, height: height, stride: stride)
        #expect(decoded.width == width && decoded.height == height)
        for y in 0..<height {
            for x in 0..<width {
                let original = bytes.withUnsafeBytes { $0.load(fromByteOffset: y * stride + 4 * x, as: UInt32.self) }
                guard decoded.pixel(x: x, y: y) == UInt32(littleEndian: original) else {
                    Issue.record("pixel \(x),\(y): \(decoded.pixel(x: x, y: y)) != \(original)")
                    return
                }
            }
        }
    }

    @Test func translucentPixelsKeepAlphaAndColourWithinRounding() throws {
        let width = 50, height = 20, stride = width * 4
        let bytes = Self.pixels(width: width, height: height, stride: stride, alpha: 128)
        let decoded = try Self.encodeAndDecode(bytes, width: width, height: height, stride: stride)
        var worst: UInt32 = 0
        for y in 0..<height {
            for x in 0..<width {
                let original = UInt32(littleEndian: bytes.withUnsafeBytes { $0.load(fromByteOffset: y * stride + 4 * x, as: UInt32.self) })
                let back = decoded.pixel(x: x, y: y)
                #expect(back >> 24 == 128)
                for shift: UInt32 in [0, 8, 16] {
                    let a = Int(original >> shift & 0xFF), b = Int(back >> shift & 0xFF)
                    worst = max(worst, UInt32(abs(a - b)))
                }
            }
        }
        #expect(worst <= 1, "premultiplied channels differ by at most rounding, saw \(worst)")
    }

    @Test func flatImagesCompressWellAndIdenticallyTwice() throws {
        let width = 800, height = 450, stride = width * 4
        let flat = [UInt8](repeating: 0xFF, count: height * stride)
        let encode = { flat.withUnsafeBufferPointer { PNGEncoder.encode(data: $0.baseAddress!, width: width, height: height, stride: stride) } }
        let first = encode(), second = encode()
        #expect(first == second)
        let raw = height * (1 + width * 3)
        #expect(first.count * 100 < raw, "a white 800 × 450 image is \(first.count) bytes of \(raw)")
    }
}
