import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encodes Cairo's ARGB32 pixels as a PNG file's bytes.
///
/// Cairo's own `cairo_surface_write_to_png` hands rows to libpng, whose default adaptive filtering
/// tries all five PNG filters on every row, a large share of a small report's CPU time (measured in
/// Benchmarks/README.md, "Why the batch is where it is"). Charts are flat colour with thin lines, so a cheaper choice does as
/// well: each row uses Up or Sub, whichever leaves fewer non-zero bytes, and ``DeflateEncoder``,
/// which skips the filtered rows' long runs of zeros, compresses them.
/// The output is deterministic: the same pixels give the same bytes.
enum PNGEncoder {
    /// PNG bytes for `height` rows of `width` pixels at `data`, `stride` bytes apart, each pixel a
    /// native-endian 0xAARRGGBB with premultiplied alpha (Cairo's ARGB32).
    /// Fully opaque images are written as RGB, others as RGBA with alpha un-premultiplied.
    static func encode(data: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) -> [UInt8] {
        let opaque = isOpaque(data: data, width: width, height: height, stride: stride)
        let channels = opaque ? 3 : 4
        let rowBytes = width * channels
        let deflater = DeflateEncoder()
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var current = [UInt8](repeating: 0, count: rowBytes)
        var filtered = [UInt8](repeating: 0, count: rowBytes + 1)
        let upFilter: [UInt8] = [2]
        for y in 0..<height {
            // A row the same as the one above (backgrounds, the sides of bars) filters to Up and
            // zeros; `previous` already holds it unpacked.
            if y > 0, memcmp(data + y * stride, data + (y - 1) * stride, width * 4) == 0 {
                upFilter.withUnsafeBufferPointer { deflater.add($0) }
                deflater.addZeros(rowBytes)
                continue
            }
            current.withUnsafeMutableBufferPointer { row in
                unpack(row: data + y * stride, width: width, opaque: opaque, into: row)
            }
            filtered.withUnsafeMutableBufferPointer { out in
                filterRow(current, above: previous, channels: channels, into: out)
            }
            filtered.withUnsafeBufferPointer { deflater.add($0) }
            swap(&previous, &current)
        }
        let compressed = deflater.finish()

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = [UInt8]()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, opaque ? 2 : 6, 0, 0, 0]  // bit depth, colour type RGB/RGBA, deflate, filter set 0, no interlace
        png.appendChunk("IHDR", header)
        png.appendChunk("IDAT", compressed)
        png.appendChunk("IEND", [])
        return png
    }

    /// True when every pixel's alpha is 0xFF. Each row's pixels are ANDed together, a loop with
    /// no early exit that the compiler turns into vector instructions.
    private static func isOpaque(data: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) -> Bool {
        for y in 0..<height {
            let row = UnsafeBufferPointer(start: UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self),
                                          count: width)
            var all: UInt32 = 0xFFFF_FFFF
            for pixel in row { all &= pixel }
            if all >> 24 != 0xFF { return false }
        }
        return true
    }

    /// One row of ARGB32 pixels as RGB or RGBA bytes, alpha un-premultiplied (rounded as Cairo does).
    private static func unpack(row: UnsafePointer<UInt8>, width: Int, opaque: Bool,
                               into out: UnsafeMutableBufferPointer<UInt8>) {
        let pixels = UnsafeRawPointer(row).assumingMemoryBound(to: UInt32.self)
        if opaque {
            for x in 0..<width {
                let p = pixels[x]
                out[3 * x] = UInt8(truncatingIfNeeded: p >> 16)
                out[3 * x + 1] = UInt8(truncatingIfNeeded: p >> 8)
                out[3 * x + 2] = UInt8(truncatingIfNeeded: p)
            }
            return
        }
        for x in 0..<width {
            let p = pixels[x]
            let alpha = p >> 24
            func straight(_ shift: UInt32) -> UInt8 {
                guard alpha != 0 else { return 0 }
                return UInt8(min(255, (((p >> shift) & 0xFF) * 255 + alpha / 2) / alpha))
            }
            out[4 * x] = straight(16)
            out[4 * x + 1] = straight(8)
            out[4 * x + 2] = straight(0)
            out[4 * x + 3] = UInt8(alpha)
        }
    }

    /// Writes the filter type byte and the filtered row to `out`: Up or Sub, whichever leaves
    /// fewer non-zero 8-byte words (ties go to Up).
    private static func filterRow(_ row: [UInt8], above: [UInt8], channels: Int,
                                  into out: UnsafeMutableBufferPointer<UInt8>) {
        row.withUnsafeBufferPointer { row in
            above.withUnsafeBufferPointer { above in
                let count = row.count, lead = min(channels, count)
                let upCost = changedWords(row.baseAddress!, above.baseAddress!, count: count)
                let subCost = changedWords(row.baseAddress! + lead, row.baseAddress!, count: count - lead)
                let target = UnsafeMutableBufferPointer(rebasing: out[1...])
                if upCost <= subCost {
                    out[0] = 2
                    for i in 0..<count { target[i] = row[i] &- above[i] }
                } else {
                    out[0] = 1
                    for i in 0..<lead { target[i] = row[i] }
                    for i in lead..<count { target[i] = row[i] &- row[i - channels] }
                }
            }
        }
    }

    /// How many of the 8-byte words at `a` and `b` differ (whole words within `count` bytes): a
    /// cheap count of how much a filter leaves non-zero.
    private static func changedWords(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Int {
        let a = UnsafeRawPointer(a), b = UnsafeRawPointer(b)
        var changed = 0, offset = 0
        while offset &+ 8 <= count {
            changed &+= a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ? 0 : 1
            offset &+= 8
        }
        return changed
    }
}

private extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16),
                            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)])
    }

    /// Appends a PNG chunk: length, type, data and the CRC-32 of type and data.
    mutating func appendChunk(_ type: String, _ data: [UInt8]) {
        appendBigEndian(UInt32(data.count))
        let typeAndData = Array(type.utf8) + data
        append(contentsOf: typeAndData)
        let crc = typeAndData.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(crc))
    }
}
