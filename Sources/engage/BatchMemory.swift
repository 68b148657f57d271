#if canImport(Glibc)
import Glibc
#endif

/// How a batch asks glibc's malloc to keep memory between its reports.
///
/// Every report in a batch allocates the same large blocks again: chart pixels (about 7 MB per
/// chart), workbook buffers, the posts. By default glibc serves blocks above a moving threshold
/// with a fresh `mmap` and gives freed memory at the top of its heaps back to the system, so each
/// report faults the same pages in again and the kernel zeroes every one: about a tenth of a
/// 2,000-post batch's CPU. A batch instead keeps blocks under 32 MB on the heap, keeps up to
/// 256 MB of freed memory for the next report, and uses at most four heaps. Blocks of 32 MB and
/// more (a large account's posts) are still mapped and returned. A single report does not ask:
/// it frees its memory only when it exits.
enum BatchMemory {
    static func keepFreedMemoryForNextReport() {
        #if canImport(Glibc)
        // mallopt is declared in <malloc.h>, which Swift's Glibc module leaves out: look it up.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3, arenaMax: Int32 = -8  // <malloc.h>
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 256 << 20)
        _ = mallopt(arenaMax, 4)
        #endif
    }
}
