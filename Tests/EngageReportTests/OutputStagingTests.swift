import Foundation
import Testing
@testable import EngageReport

/// Staging writes nothing visible until commit, and a discarded run leaves the folder as it was.
@Suite struct OutputStagingTests {
    private func temporaryFolder() -> String {
        let path = FileManager.default.temporaryDirectory.appending(path: "engage-staging-\(UUID().uuidString)").path
        return path
    }

    @Test func filesAppearOnlyAfterCommit() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let staging = try OutputStaging(outputFolder: folder)
        try staging.write(Data("hello".utf8), as: "a.txt")
        #expect(!FileManager.default.fileExists(atPath: folder + "/a.txt"))
        let finals = try staging.commit()
        #expect(finals.map(\.lastPathComponent) == ["a.txt"])
        #expect(try String(contentsOfFile: folder + "/a.txt", encoding: .utf8) == "hello")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(leftovers == ["a.txt"])
    }

    @Test func discardKeepsPreviousOutputs() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let first = try OutputStaging(outputFolder: folder)
            try first.write(Data("old".utf8), as: "r.txt")
            _ = try first.commit()
        }
        do {
            let second = try OutputStaging(outputFolder: folder)
            try second.write(Data("new, half".utf8), as: "r.txt")
            // dropped without commit, as when a renderer throws
        }
        #expect(try String(contentsOfFile: folder + "/r.txt", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["r.txt"])
    }

    @Test func commitRefusesAMissingStagedFile() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let staging = try OutputStaging(outputFolder: folder)
        _ = staging.stagedPath(for: "never-written.xlsx")
        #expect(throws: OutputError.self) { try staging.commit() }
    }

    @Test(arguments: [
        ("../etc/pass\u{0}wd", "etc_pass_wd"),
        ("brand/@acme", "brand_@acme"),
        ("..", "engage"),
        ("campaign: spring?", "campaign_ spring_"),
        ("plain-name_2024", "plain-name_2024"),
    ])
    func safeFileNames(input: String, expected: String) {
        #expect(FileNaming.safe(input) == expected)
    }

    @Test func manifestHashesAndSortsKeys() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let staging = try OutputStaging(outputFolder: folder)
        try staging.write(Data("abc".utf8), as: "x.txt")
        let files = try Manifest.entries(for: ["x.txt"], in: staging)
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        #expect(files[0].sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(files[0].mime == "text/plain; charset=utf-8")
        let manifest = Manifest(files: files, period: .init(start: "2025-01-01", end: "2025-01-07", tz: "UTC"),
                                inputs: [], generator: "engage test")
        let text = String(decoding: try manifest.encoded(), as: UTF8.self)
        #expect(text.range(of: "\"files\"")!.lowerBound < text.range(of: "\"generator\"")!.lowerBound)
        #expect(text.hasSuffix("}\n"))
    }
}
