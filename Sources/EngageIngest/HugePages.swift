#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the kernel to back large, not yet touched array storage with huge pages.
///
/// A million posts take about 600 MB; touching that memory 4 KB at a time costs hundreds of
/// thousands of page faults (measured: 0.33 s per 600 MB, against 0.09 s with 2 MB pages).
/// Linux only; elsewhere, and for small arrays, this does nothing.
enum HugePages {
    private static let size = 2 << 20

    /// Advises huge pages for the whole-2-MB part of `array`'s reserved capacity.
    static func advise<Element>(_ array: inout [Element]) {
        #if os(Linux)
        let bytes = array.capacity * MemoryLayout<Element>.stride
        guard bytes >= 4 * size else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let start = (UInt(bitPattern: base) + UInt(size) - 1) & ~UInt(size - 1)
            let end = (UInt(bitPattern: base) + UInt(bytes)) & ~UInt(size - 1)
            guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(pointer, Int(end - start), MADV_HUGEPAGE)
        }
        #endif
    }
}
