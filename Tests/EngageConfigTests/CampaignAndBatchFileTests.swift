import EngageAnalysis
import EngageModel
import Foundation
import Testing
@testable import EngageConfig

/// Campaign and batch files: what they accept, and errors that name file, line and key.
@Suite struct CampaignFileTests {
    @Test func readsRulesAndNormalisesHashtags() throws {
        let yaml = """
        campaigns:
          - name: spring-a
            control: true
            hashtags: ["#springA", springExtra]
          - name: spring-b
            hashtags: "#springB"
            from: 2024-03-01
            to: 2024-03-31
          - name: launch
            text: "(?i)launch day"
            ids: [1234567890123456789]
        """
        let campaigns = try CampaignFile.parse(yaml: yaml, path: "c.yaml")
        #expect(campaigns.map(\.name) == ["spring-a", "spring-b", "launch"])
        #expect(campaigns[0].isControl && !campaigns[1].isControl)
        #expect(campaigns[0].hashtags == ["#springA", "#springExtra"])
        #expect(campaigns[1].from == CalendarDay(year: 2024, month: 3, day: 1))
        #expect(campaigns[2].ids == [1_234_567_890_123_456_789])
        #expect(campaigns[2].textPattern == "(?i)launch day")
    }

    @Test(arguments: [
        ("campaigns:\n  - name: a\n    hashtag: [\"#a\"]\n", 3, "hashtag", "unknown key"),
        ("campaigns:\n  - name: a\n    text: \"([unclosed\"\n", 3, "text", "regular expression"),
        ("campaigns:\n  - name: a\n    ids: [12ab]\n", 3, "ids", "not a post id"),
        ("campaigns:\n  - name: a\n    from: 2024-02-30\n", 3, "from", "not a date"),
        ("campaigns:\n  - name: a\n    control: maybe\n", 3, "control", "true or false"),
        ("campaigns:\n  - name: a\n    hashtags: [\"#a\"]\n  - name: a\n    hashtags: [\"#b\"]\n", 4, "name", "used twice"),
        ("campaigns:\n  - name: a\n", 2, nil, "no rule"),
        ("campaigns: [\n", 2, nil, "not valid YAML"),
    ] as [(String, Int, String?, String)])
    func errorsNameLineAndKey(yaml: String, line: Int, key: String?, phrase: String) {
        do {
            _ = try CampaignFile.parse(yaml: yaml, path: "bad.yaml")
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.file == "bad.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.key == key, "\(error)")
            #expect(error.description.contains(phrase), "\(error)")
        }
    }

    @Test func readsPostIDCampaignCSV() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "campaigns-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "post_id,campaign\n111,alpha\n222,beta\n333,alpha\n".write(toFile: path, atomically: true, encoding: .utf8)
        let campaigns = try CampaignFile.load(path: path)
        #expect(campaigns.map(\.name) == ["alpha", "beta"])
        #expect(campaigns[0].ids == [111, 333])
        try "post_id,campaign\n111,alpha\nxyz,beta\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try CampaignFile.load(path: path) }
        // RFC 4180 quoting: "" inside a quoted field is one quote.
        try "post_id,campaign\n\"111\",\"Spring \"\"Sale\"\", 2025\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try CampaignFile.load(path: path).map(\.name) == ["Spring \"Sale\", 2025"])
        // A name of a megabyte would be copied into every sheet, chart and e-mail: refused, line named.
        try "post_id,campaign\n111,\(String(repeating: "n", count: 1_000_000))\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try CampaignFile.load(path: path) } throws: { error in
            let text = "\(error)"
            return text.contains("line 2") && text.contains("campaign name of 1000000 characters; at most 200") && text.count < 1_000
        }
    }
}

@Suite struct BatchFileTests {
    @Test func jobsResolvePathsAgainstTheBatchFileFolder() throws {
        let yaml = """
        jobs:
          - name: northwind
            inputs: [exports/a.csv, /abs/b.csv]
            campaigns: c.yaml
            tz: America/New_York
          - name: harbor
            inputs: exports/h.csv
            from: 2025-11-17
            to: 2025-11-23
            out: reports/harbor
        """
        let jobs = try BatchFile.parse(yaml: yaml, path: "/data/jobs.yaml")
        #expect(jobs.map(\.name) == ["northwind", "harbor"])
        #expect(jobs[0].inputs == ["/data/exports/a.csv", "/abs/b.csv"])
        #expect(jobs[0].campaigns == "/data/c.yaml")
        #expect(jobs[0].timeZone == "America/New_York")
        #expect(jobs[1].out == "/data/reports/harbor")
        #expect(jobs[1].from == CalendarDay(year: 2025, month: 11, day: 17))
        #expect(jobs[1].line == 6)
    }

    @Test(arguments: [
        ("jobs:\n  - name: a\n    inputs: [x.csv]\n    tz: Mars/Base\n", 4, "tz"),
        ("jobs:\n  - name: a\n    inputs: [x.csv]\n    from: 2025-01-01\n", 2, "to"),
        ("jobs:\n  - name: a\n", 2, "inputs"),
        ("jobs:\n  - inputs: [x.csv]\n", 2, "name"),
        ("jobs:\n  - name: a\n    inputs: [x.csv]\n    paralel: 2\n", 4, "paralel"),
    ] as [(String, Int, String)])
    func errorsNameLineAndKey(yaml: String, line: Int, key: String) {
        #expect {
            try BatchFile.parse(yaml: yaml, path: "jobs.yaml")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.line == line && error.key == key && error.file == "jobs.yaml"
        }
    }
}
