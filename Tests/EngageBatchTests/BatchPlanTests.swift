import EngageBatch
import EngageConfig
import Foundation
import Testing

/// Jobs whose folders coincide are refused before anything runs; distinct ones are kept apart.
struct BatchPlanTests {
    private func jobs(_ names: [String], out: [String?]? = nil) throws -> [BatchJob] {
        names.enumerated().map { index, name in
            BatchJob(name: name, inputs: ["a.csv"], out: out?[index], line: 2 + 2 * index)
        }
    }

    @Test(arguments: [["Acme Inc.", "Acme Inc"], ["acme/x", "acme:x"], ["acme", ".acme"]])
    func namesThatCleanToOneFolderAreRefused(names: [String]) throws {
        #expect {
            try BatchPlan(path: "jobs.yaml", jobs: try jobs(["first"] + names), out: "out")
        } throws: { error in
            let message = String(describing: error)
            return message.contains("\"\(names[0])\" (line 4)") && message.contains("\"\(names[1])\" (line 6)")
                && message.hasPrefix("jobs.yaml: ")
        }
    }

    @Test func anOutFolderEqualToAnotherJobsFolderIsRefused() throws {
        #expect(throws: BatchError.self) {
            try BatchPlan(path: "jobs.yaml", jobs: try jobs(["a", "b"], out: [nil, "out/./a/"]), out: "out")
        }
    }

    @Test func distinctNamesKeepTheirOwnFolders() throws {
        let plan = try BatchPlan(path: "jobs.yaml", jobs: try jobs(["Acme", "acme", "Acme Inc"]), out: "reports")
        #expect(plan.folders == ["reports/Acme", "reports/acme", "reports/Acme Inc"])
    }

    @Test func shardsSplitTheJobsWithoutGapsOrOverlap() throws {
        let plan = try BatchPlan(path: "jobs.yaml", jobs: try jobs((0..<7).map { "job\($0)" }), out: "out")
        let runner = BatchRunner(plan: plan, showsProgress: false, reportError: { _ in })
        #expect(runner.indices(worker: 0, of: 3) == [0, 3, 6])
        #expect(runner.indices(worker: 2, of: 3) == [2, 5])
        #expect(BatchRunner.shard("1/3")! == (1, 3))
        for bad in ["3/3", "-1/2", "1", "a/b", "0/0"] { #expect(BatchRunner.shard(bad) == nil) }
    }
}

/// The example batch file shipped in templates/ reads, and every input it names exists.
struct ShippedBatchFileTests {
    @Test func templatesJobsYamlIsAValidBatch() throws {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let jobs = try BatchFile.load(path: root.appending(path: "templates/jobs.yaml").path)
        #expect(jobs.map(\.name) == ["northwind", "northwind-october"])
        #expect(jobs[0].timeZone == "America/New_York" && jobs[0].campaigns != nil)
        #expect(jobs[1].from?.description == "2025-10-01" && jobs[1].to?.description == "2025-10-31")
        for path in jobs.flatMap(\.inputs) + jobs.compactMap(\.campaigns) {
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        }
        _ = try BatchPlan(path: "jobs.yaml", jobs: jobs, out: "out")
    }
}
