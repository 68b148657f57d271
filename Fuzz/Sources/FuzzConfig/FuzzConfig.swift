import FuzzDriver
import EngageConfig

/// libFuzzer entry: campaign, batch and template YAML either load or fail with a ConfigError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    _ = try? CampaignFile.parse(yaml: text, path: "fuzz.yaml")
    _ = try? BatchFile.parse(yaml: text, path: "fuzz.yaml")
    _ = try? ReportTemplate.parse(yaml: text, path: "fuzz.yaml", name: "fuzz")
    return 0
}

@_cdecl("FuzzConfig_main")
public func FuzzConfigMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzConfig)
}
