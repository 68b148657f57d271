import FuzzDriver
import EngageIngest

/// libFuzzer entry: reading must either succeed or throw an IngestError, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExport(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let file = try? ExportFile.read(bytes: bytes, path: "fuzz.csv") {
        precondition(file.input.rows == file.posts.count + file.daily.count, "rows counted wrongly")
    }
    return 0
}

@_cdecl("FuzzExport_main")
public func FuzzExportMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzExport)
}
