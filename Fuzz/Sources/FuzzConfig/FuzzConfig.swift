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

/// SwiftPM links executables through `FuzzConfig_main`; hand control to libFuzzer's driver from there.
@_cdecl("FuzzConfig_main")
public func FuzzConfigMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzConfig)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32
