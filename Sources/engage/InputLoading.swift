import EngageAnalysis
import EngageConfig
import EngageIngest
import EngageModel
import Foundation

/// Reading inputs and configuration for a command, with every failure explained once on stderr.
enum InputLoading {
    /// Reads and merges `paths`; prints a one-line account of what was read to stderr.
    static func dataset(_ paths: [String], quiet: Bool = false) throws -> Dataset {
        let dataset: Dataset
        do { dataset = try loadDataset(paths: paths) } catch {
            throw fail(error.exitStatus, error.description)
        }
        if !quiet {
            let skipped = dataset.issues.filter { $0.kind == .skippedRow }.count
            let merged = dataset.issues.filter { $0.kind == .merged }.count
            let other = dataset.issues.count - skipped - merged
            var parts = ["\(dataset.posts.count) posts", "\(dataset.daily.count) account days"]
            if skipped > 0 { parts.append("\(skipped) skipped row\(skipped == 1 ? "" : "s")") }
            if other > 0 { parts.append("\(other) other data issue\(other == 1 ? "" : "s")") }
            if merged > 0 { parts.append("\(merged) posts or days in more than one file (newest export kept)") }
            Console.info("read \(paths.count) file\(paths.count == 1 ? "" : "s"): " + parts.joined(separator: ", "))
        }
        return dataset
    }

    /// Campaign definitions from `--campaigns FILE` (YAML rules or `post_id,campaign` CSV).
    static func campaigns(_ path: String) throws -> [CampaignDefinition] {
        do { return try CampaignFile.load(path: path) } catch {
            throw fail(error.isUnreadable ? .noInput : .dataError, error.description)
        }
    }

    /// A metric key from `--metric`, limited to `allowed`.
    static func metric(_ key: String, allowed: [Metric]) throws -> Metric {
        let normalised = key == "engagement_rate" ? "engagements" : key
        guard let metric = Metric(key: normalised), allowed.contains(metric) else {
            throw fail(.usage, "--metric \(key): expected one of \(allowed.map { $0 == .engagements ? "engagement_rate" : $0.key }.joined(separator: ", "))")
        }
        return metric
    }
}
