import Foundation
import Testing

/// `ENGAGE_NO_TUNING=1` switches off every hook on libxlsxwriter, minizip, glibc and fontconfig:
/// the report is the same (workbook read back with openpyxl, PNG and PDF byte for byte), and only
/// the workbook's compressed bytes show that minizip zipped it at zlib's default level instead.
@Suite struct TuningSwitchTests {
    @Test func aReportWithTheHooksOffIsTheSameReport() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let on = try dir.run(ReportCommandTests.demoArguments + ["--out", "on"], environment: ["ENGAGE_NO_TUNING": "0"])
        let off = try dir.run(ReportCommandTests.demoArguments + ["--out", "off"], environment: ["ENGAGE_NO_TUNING": "1"])
        #expect(on.status == 0 && off.status == 0, "\(on.stderr)\n\(off.stderr)")
        #expect(!on.stderr.contains("did not call"), "a hook was not reached: \(on.stderr)")
        let files = dir.files(in: "on")
        #expect(files == dir.files(in: "off"))
        let rendered = files.filter { $0.hasSuffix(".png") || $0.hasSuffix(".pdf") }
        #expect(rendered.count == 6)
        for name in rendered {
            let a = try Data(contentsOf: dir.root.appending(path: "on/\(name)"))
            let b = try Data(contentsOf: dir.root.appending(path: "off/\(name)"))
            #expect(a == b, "\(name) differs with the hooks off")
        }
        let workbook = try #require(files.first { $0.hasSuffix(".xlsx") })
        let a = try Data(contentsOf: dir.root.appending(path: "on/\(workbook)"))
        let b = try Data(contentsOf: dir.root.appending(path: "off/\(workbook)"))
        #expect(a != b, "the switch changed nothing: the workbook should be deflated at another level")
        let compared = try dir.python("compare_workbooks.py", [dir.root.appending(path: "on/\(workbook)").path,
                                                                     dir.root.appending(path: "off/\(workbook)").path])
        #expect(compared.status == 0, "\(compared.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(compared.stdout.utf8)) as? [String: Any])
        #expect(result["differences"] as? [String] == [])
        #expect((result["sheets"] as? Int ?? 0) >= 8)
        #expect((result["cells"] as? Int ?? 0) > 271 * 10)
        #expect((result["charts"] as? Int ?? 0) >= 3)
    }
}
