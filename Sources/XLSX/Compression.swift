import CFastDeflate

/// How workbooks are compressed: zlib at its fastest level (see `Sources/CFastDeflate`), because
/// libxlsxwriter itself cannot be told a level and deflate is most of the time of a large workbook.
public enum Compression {
    /// The zlib level every deflate stream in this process uses.
    public static var level: Int { Int(engage_fast_deflate_level()) }

    /// Deflate streams started so far; grows with each workbook part zipped.
    public static var streamsStarted: Int { engage_fast_deflate_streams() }
}
