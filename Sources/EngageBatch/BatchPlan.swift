import EngageConfig
import EngageReport
import Foundation

/// The jobs of a batch file and the folder each one writes to, checked before any job runs.
public struct BatchPlan: Sendable {
    /// The batch file, as given on the command line (for messages).
    public let path: String
    public let jobs: [BatchJob]
    /// The output folder of each job, in job order: its `out:`, else `<--out>/<cleaned name>`.
    public let folders: [String]

    /// Pairs each job with its folder.
    /// - Throws: ``BatchError/sharedFolder(_:)`` when two jobs would write into one folder, as
    ///   "Acme Inc." and "Acme Inc" do once cleaned for the file system: one report would replace
    ///   the other, and which one would vary from run to run.
    public init(path: String, jobs: [BatchJob], out: String) throws(BatchError) {
        self.path = path
        self.jobs = jobs
        folders = jobs.map { $0.out ?? (out as NSString).appendingPathComponent(FileNaming.safe($0.name)) }
        var owner: [String: Int] = [:]
        for (index, folder) in folders.enumerated() {
            let key = URL(filePath: folder, directoryHint: .isDirectory).standardized.path
            if let first = owner[key] {
                throw .sharedFolder("\(path): jobs \"\(jobs[first].name)\" (\(Self.line(jobs[first]))) and "
                    + "\"\(jobs[index].name)\" (\(Self.line(jobs[index]))) would both write into \(folder); "
                    + "give one of them another name or its own out: folder")
            }
            owner[key] = index
        }
    }

    /// Where a job is in the batch file: `"line 4"`.
    public static func line(_ job: BatchJob) -> String {
        job.line.map { "line \($0)" } ?? "line unknown"
    }
}
