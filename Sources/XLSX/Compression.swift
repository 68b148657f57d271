import CXlsxWriterTuning

/// How workbooks are compressed: zlib at its fastest level (see `Sources/CXlsxWriterTuning`), because
/// libxlsxwriter itself cannot be told a level and deflate is most of the time of a large workbook.
public enum Compression {
    /// The zlib level every deflate stream in this process uses.
    public static var level: Int { Int(engage_fast_deflate_level()) }

    /// Deflate streams started so far; grows with each workbook part zipped.
    public static var streamsStarted: Int { engage_fast_deflate_streams() }
}

/// How libxlsxwriter's cell XML is formatted: its `fprintf` calls go to engage's own formatter
/// (see `Sources/CXlsxWriterTuning/fast_cell_format.c`), which gives glibc's bytes in less time.
enum CellFormatting {
    /// `fprintf` calls formatted by engage's formatter so far.
    static var fastCalls: Int { engage_fast_format_calls() }

    /// `value` as the formatter prints `%.16G`.
    static func g16(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 32)
        let length = Int(engage_format_g16(value, &buffer, buffer.count))
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// How large workbook parts are zipped: in 1 MiB chunks deflated on worker threads (see
/// `Sources/CXlsxWriterTuning/parallel_zip.c`), so a big Posts sheet is compressed on both cores.
enum ParallelZip {
    /// Chunks deflated on a worker thread so far.
    static var chunksOnWorkers: Int { engage_parallel_zip_chunks() }
}

/// How libxlsxwriter's temporary files are buffered: 64 KiB stdio buffers instead of 4 KiB (see
/// `Sources/CXlsxWriterTuning/large_file_buffers.c`), so a large sheet reaches the kernel in a
/// sixteenth of the system calls.
enum FileBuffers {
    /// Streams opened with `fdopen` that got the larger buffer so far.
    static var bufferedStreams: Int { engage_buffered_streams() }
}
