/// The glibc malloc settings engage picks for the kind of run.
enum MallocTuning {
    // Parameters of mallopt, from <malloc.h>, which Swift's Glibc module leaves out.
    private static let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3, arenaMax: Int32 = -8

    /// Makes glibc's malloc give every block of 1 MB or more its own mapping, returned to the
    /// kernel when freed. By default the threshold rises to the size of each large block freed (up
    /// to 32 MB), after which such blocks come from the heap and stay counted in the process's
    /// memory once freed: the analysis's transient arrays at a million posts kept 34 MB that way
    /// (peak 282 → 248 MB; no change in time measured at 100,000 and 1,000,000 posts).
    static func returnLargeBlocksToTheSystem() {
        #if canImport(Glibc)
        _ = glibcMallopt(mmapThreshold, 1 << 20)
        #endif
    }

    /// For a batch, which runs report after report in one process: blocks under 32 MB come from
    /// the heap, up to 256 MB of freed memory is kept for the next report, and there are at most
    /// four heaps. Every report allocates the same chart pixels (about 7 MB a chart) and buffers
    /// again; returned to the system after each report, their pages were faulted in and zeroed by
    /// the kernel again each time: a 50-report batch took 440,000 page faults, now 23,000, and 15%
    /// less time (a worker's peak memory 66 → 74 MB). Blocks of 32 MB and more (a large account's
    /// posts) are still mapped and returned.
    static func keepFreedMemoryForNextReport() {
        #if canImport(Glibc)
        _ = glibcMallopt(mmapThreshold, 32 << 20)
        _ = glibcMallopt(trimThreshold, 256 << 20)
        _ = glibcMallopt(arenaMax, 4)
        #endif
    }
}

#if canImport(Glibc)
/// glibc's `int mallopt(int param, int value)`.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
