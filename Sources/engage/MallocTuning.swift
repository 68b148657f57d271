import CMalloc
import XLSX

/// The glibc malloc settings engage picks for the kind of run; none with `ENGAGE_NO_TUNING=1`.
/// What each setting saved is measured in Benchmarks/README.md ("Memory", "Batch").
enum MallocTuning {
    /// Makes glibc's malloc give every block of 1 MB or more its own mapping, returned to the
    /// kernel when freed. By default the threshold rises to the size of each large block freed (up
    /// to 32 MB), after which such blocks come from the heap and stay counted in the process's
    /// memory once freed: the analysis's transient arrays at a million posts stayed that way.
    static func returnLargeBlocksToTheSystem() {
        guard Tuning.isEnabled else { return }
        mallopt(M_MMAP_THRESHOLD, 1 << 20)
    }

    /// For a batch, which runs report after report in one process: blocks under 32 MB come from
    /// the heap, up to 256 MB of freed memory is kept for the next report, and there are at most
    /// four heaps. Every report allocates the same chart pixels (about 7 MB a chart) and buffers
    /// again; returned to the system after each report, their pages were faulted in and zeroed by
    /// the kernel again each time. Blocks of 32 MB and more (a large account's posts) are still
    /// mapped and returned.
    static func keepFreedMemoryForNextReport() {
        guard Tuning.isEnabled else { return }
        mallopt(M_MMAP_THRESHOLD, 32 << 20)
        mallopt(M_TRIM_THRESHOLD, 256 << 20)
        mallopt(M_ARENA_MAX, 4)
    }
}
