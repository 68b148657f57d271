import FuzzDriver
import EngageIngest
import Foundation

/// libFuzzer entry: a saved API response is decoded or refused with a JSONReadError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? SavedResponseReader.read(path: "fuzz.json", data: Data(bytes: data, count: size))
    return 0
}

@_cdecl("FuzzJSON_main")
public func FuzzJSONMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzJSON)
}
