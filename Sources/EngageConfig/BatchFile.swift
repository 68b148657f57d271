import EngageModel
import Foundation

/// One account's report in a batch (`engage report --batch jobs.yaml`).
public struct BatchJob: Sendable, Equatable {
    /// Base name of the job's outputs and its label on the terminal.
    public var name: String
    /// Export files, relative paths resolved against the batch file's folder.
    public var inputs: [String]
    /// Output folder; default `<--out>/<name>`.
    public var out: String?
    /// Campaign definitions file.
    public var campaigns: String?
    /// IANA time zone; default the command line's `--tz`.
    public var timeZone: String?
    /// First and last day; default every post.
    public var from: CalendarDay?
    public var to: CalendarDay?
    /// Line of the job in the batch file.
    public var line: Int?
    /// The account's history store: the inputs are imported into it and the report read from it.
    public var store: String?

    public init(name: String, inputs: [String], out: String? = nil, campaigns: String? = nil,
                timeZone: String? = nil, from: CalendarDay? = nil, to: CalendarDay? = nil, line: Int? = nil, store: String? = nil) {
        self.name = name
        self.inputs = inputs
        self.out = out
        self.campaigns = campaigns
        self.timeZone = timeZone
        self.from = from
        self.to = to
        self.line = line
        self.store = store
    }
}

/// Reads a batch file:
///
/// ```yaml
/// jobs:
///   - name: northwind
///     inputs: [exports/northwind_posts.csv]
///     campaigns: campaigns/northwind.yaml
///     tz: America/New_York
///   - name: harbor
///     inputs: [exports/harbor.csv]
///     from: 2025-11-17
///     to: 2025-11-23
///     store: stores/harbor.sqlite   # import into the account's history store, report from it
/// ```
public enum BatchFile {
    static let jobKeys = ["name", "inputs", "out", "campaigns", "tz", "from", "to", "store"]

    /// Loads the jobs of `path`. Errors name the file, line and key.
    public static func load(path: String) throws(ConfigError) -> [BatchJob] {
        try parse(try YAMLFile(path: path), folder: URL(filePath: path).deletingLastPathComponent())
    }

    /// Parses YAML text as if read from `path` (tests).
    public static func parse(yaml text: String, path: String = "<batch>") throws(ConfigError) -> [BatchJob] {
        try parse(try YAMLFile(path: path, text: text), folder: URL(filePath: path).deletingLastPathComponent())
    }

    private static func parse(_ file: YAMLFile, folder: URL) throws(ConfigError) -> [BatchJob] {
        let top = try file.entries(of: file.root, allowed: ["jobs"], context: "the top level")
        guard let list = top.first(where: { $0.0 == "jobs" })?.2, let items = list.sequence, !items.isEmpty else {
            throw file.error("expected `jobs:` followed by a list of jobs", at: file.root, key: "jobs")
        }
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : folder.appending(path: path).path
        }
        var jobs: [BatchJob] = []
        var names = Set<String>()
        for item in items {
            var job = BatchJob(name: "", inputs: [], line: item.mark?.line)
            for (key, _, value) in try file.entries(of: item, allowed: jobKeys, context: "a job") {
                switch key {
                case "name": job.name = try file.string(value, key: key)
                case "inputs": job.inputs = try file.strings(value, key: key).map(resolve)
                case "out": job.out = resolve(try file.string(value, key: key))
                case "campaigns": job.campaigns = resolve(try file.string(value, key: key))
                case "store": job.store = resolve(try file.string(value, key: key))
                case "tz":
                    let zone = try file.string(value, key: key)
                    guard LocalClock(identifier: zone) != nil else {
                        throw file.error("unknown time zone \(zone) (expected an IANA name such as Europe/Berlin)", at: value, key: key)
                    }
                    job.timeZone = zone
                case "from", "to":
                    let text = try file.string(value, key: key)
                    guard let day = CalendarDay(iso: text) else {
                        throw file.error("not a date: \(text) (expected YYYY-MM-DD)", at: value, key: key)
                    }
                    if key == "from" { job.from = day } else { job.to = day }
                default: break
                }
            }
            guard !job.name.isEmpty else { throw file.error("a job needs a name", at: item, key: "name") }
            guard names.insert(job.name).inserted else { throw file.error("job name used twice: \(job.name)", at: item, key: "name") }
            guard !job.inputs.isEmpty || job.store != nil else {
                throw file.error("job \(job.name) has no inputs (and no store to report from)", at: item, key: "inputs")
            }
            if (job.from == nil) != (job.to == nil) {
                throw file.error("job \(job.name): give both from and to, or neither", at: item, key: job.from == nil ? "from" : "to")
            }
            if let from = job.from, let to = job.to, to < from {
                throw file.error("job \(job.name) ends (\(to)) before it starts (\(from))", at: item, key: "to")
            }
            jobs.append(job)
        }
        return jobs
    }
}
