import CXlsxWriterTuning

/// libxlsxwriter tuned from outside (`Sources/CXlsxWriterTuning`): its cell `fprintf` formatted
/// without glibc's printf, large zip parts deflated at zlib level 1 on worker threads, and 64 KiB
/// buffers for its temporary files. The counters show whether libxlsxwriter still calls each hook.
public enum Tuning {
    /// False when the environment has `ENGAGE_NO_TUNING=1`: every hook then forwards its call
    /// unchanged, and engage leaves glibc's malloc settings alone too.
    public static var isEnabled: Bool { engage_tuning_enabled() != 0 }

    /// How often each hook has done its work in this process so far.
    public struct Counters: Equatable, Sendable {
        /// `fprintf` calls formatted by engage's formatter.
        public var formattedCalls: Int
        /// Workbook parts deflated by engage's parallel zip.
        public var zippedParts: Int
        /// Temporary-file streams given the larger buffer.
        public var bufferedStreams: Int

        /// The hooks that did nothing between `earlier` and these counts, by what they tune.
        public func idleHooks(since earlier: Counters) -> [String] {
            [(formattedCalls, earlier.formattedCalls, "cell formatting (fprintf)"),
             (zippedParts, earlier.zippedParts, "parallel zip (minizip)"),
             (bufferedStreams, earlier.bufferedStreams, "temporary-file buffers (fdopen)")]
                .filter { $0.0 == $0.1 }.map(\.2)
        }
    }

    /// The counts so far.
    public static var counters: Counters {
        Counters(formattedCalls: engage_fast_format_calls(), zippedParts: engage_parallel_zip_parts(),
                 bufferedStreams: engage_buffered_streams())
    }

    /// The zlib level of every part the parallel zip deflates.
    public static var zipLevel: Int { Int(engage_parallel_zip_level()) }

    /// Chunks of large parts deflated on a worker thread so far.
    static var chunksOnWorkers: Int { engage_parallel_zip_chunks() }

    /// `value` as the cell formatter prints `%.16G`.
    static func g16(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 32)
        let length = Int(engage_format_g16(value, &buffer, buffer.count))
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
