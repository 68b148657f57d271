import Foundation
import Testing

/// A template's `store:` key and its place beside `--store` and `ENGAGE_STORE`; `watch` rules
/// that filter on a campaign of `--campaigns`.
@Suite(.serialized) struct StoreTemplateAndCampaignTests {
    /// A template in `tpl/` whose store is `../stores/acme.sqlite` (relative to the template),
    /// filled from the sample content export.
    static func templateWithStore(in dir: Workdir, store: String = "../stores/acme.sqlite") throws {
        try FileManager.default.createDirectory(at: dir.root.appending(path: "tpl"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.root.appending(path: "stores"), withIntermediateDirectories: true)
        try """
            title: Acme weekly
            period: 2025-10-01..2025-10-31
            outputs: [summary]
            store: \(store)
            """.write(to: dir.root.appending(path: "tpl/acme.yaml"), atomically: true, encoding: .utf8)
    }

    @Test func templateStoreSitsBetweenTheFlagAndTheEnvironment() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        try Self.templateWithStore(in: dir)
        let common = ["--template", "tpl/acme.yaml", "--tz", "UTC", "--quiet", "--name", "r"]
        let epoch = ["SOURCE_DATE_EPOCH": "1700000000"]
        // With inputs: imported into the template's store (relative to tpl/, not to the working folder).
        let first = try dir.run(["report", StoreEndToEndTests.content, "--out", "first"] + common, environment: epoch)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(StoreEndToEndTests.accounts(try StoreEndToEndTests.info(dir, store: "stores/acme.sqlite")).first?["posts"] as? Int == 131)
        #expect(!FileManager.default.fileExists(atPath: dir.root.appending(path: "tpl/stores").path))

        // Without inputs: read from it; the template's store wins over ENGAGE_STORE.
        let elsewhere = dir.root.appending(path: "elsewhere.sqlite").path
        let fromTemplate = try dir.run(["report", "--out", "second"] + common, environment: epoch.merging(["ENGAGE_STORE": elsewhere]) { a, _ in a })
        #expect(fromTemplate.status == 0, "\(fromTemplate.stderr)")
        #expect(!FileManager.default.fileExists(atPath: elsewhere))
        let summary = { (folder: String) in try String(contentsOf: dir.root.appending(path: "\(folder)/summary.txt"), encoding: .utf8) }
        #expect(try summary("second") == summary("first"))

        // --store wins over the template's: an empty new store has nothing to report.
        let flag = try dir.run(["report", "--store", "missing.sqlite", "--out", "third"] + common)
        #expect(flag.status == 66 && flag.stderr.contains("missing.sqlite: no such store"), "\(flag.stderr)")

        // Without a template, ENGAGE_STORE is the store.
        let env = try dir.run(["report", "--period", "2025-10-01..2025-10-31", "--formats", "summary", "--tz", "UTC", "--quiet", "--name", "r", "--out", "fourth"],
                              environment: ["ENGAGE_STORE": "stores/acme.sqlite"])
        #expect(env.status == 0, "\(env.stderr)")

        // A template without a store, and no flag or variable: told what to give.
        try "title: x\n".write(to: dir.root.appending(path: "tpl/plain.yaml"), atomically: true, encoding: .utf8)
        let nothing = try dir.run(["report", "--template", "tpl/plain.yaml", "--out", "fifth"], environment: ["ENGAGE_STORE": ""])
        #expect(nothing.status == 64 && nothing.stderr.contains("give the export files to report on"), "\(nothing.stderr)")
    }

    @Test func templateStoreErrorsNameFileAndLine() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        try Self.templateWithStore(in: dir, store: "\"\"")
        let run = try dir.run(["report", "--template", "tpl/acme.yaml", "--out", "out", "--tz", "UTC"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("tpl/acme.yaml line 4, key \"store\": expected the path of a store file"), "\(run.stderr)")
    }

    @Test func watchRuleWithACampaignAlertsOnThatCampaignsPostsOnly() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        try """
            rules:
              - name: any
                when: "likes >= 20"
              - name: pumpkin
                when: "likes >= 20"
                campaign: pumpkin-drop
            """.write(to: dir.root.appending(path: "rules.yaml"), atomically: true, encoding: .utf8)
        #expect(try dir.run(["store", "import", StoreEndToEndTests.content, "--store", "s.sqlite", "--quiet"]).status == 0)
        let watch = ["watch", "--store", "s.sqlite", "--rules", "rules.yaml", "--dir", "drop", "--once", "--quiet", "--max-age", "400d"]
        try FileManager.default.createDirectory(at: dir.root.appending(path: "drop"), withIntermediateDirectories: true)

        // A rule naming a campaign needs the campaigns file, and the file must define it.
        let missing = try dir.run(watch)
        #expect(missing.status == 64 && missing.stderr.contains("rules.yaml line 4, key \"campaign\": rule pumpkin filters on campaign pumpkin-drop; give the campaigns file with --campaigns FILE"), "\(missing.stderr)")
        try "campaigns:\n  - name: fall-blend\n    hashtags: [\"#FallBlend\"]\n".write(to: dir.root.appending(path: "other.yaml"), atomically: true, encoding: .utf8)
        let unknown = try dir.run(watch + ["--campaigns", "other.yaml"])
        #expect(unknown.status == 65 && unknown.stderr.contains("rule pumpkin: no campaign pumpkin-drop in other.yaml (it defines: fall-blend)"), "\(unknown.stderr)")
        #expect(try dir.run(["store", "check", "--store", "s.sqlite"]).stdout.contains("alert: 0 rows"))

        let run = try dir.run(watch + ["--campaigns", Workdir.sample("campaigns.yaml"), "--tz", "UTC"])
        #expect(run.status == 0, "\(run.stderr)")
        let alerts = try run.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let posts = { (rule: String) in Set(alerts.filter { $0["rule"] as? String == rule }.compactMap { $0["post_id"] as? String }) }
        // Which posts carry #PumpkinDrop (and no #FallBlend, listed first), read from the store's own export.
        let export = try dir.run(["store", "export", "--store", "s.sqlite"]).stdout.split(separator: "\n")
        let pumpkinPosts = Set(export.filter { $0.lowercased().contains("#pumpkindrop") && !$0.lowercased().contains("#fallblend") }
            .map { String($0.prefix { $0 != "," }) })
        #expect(!posts("pumpkin").isEmpty)
        #expect(posts("pumpkin") == posts("any").intersection(pumpkinPosts))
        #expect(posts("pumpkin").count < posts("any").count)
    }
}
