import ArgumentParser
import EngageAPI
import EngageIngest
import EngageModel
import Foundation

/// `engage fetch`: metrics straight from the Engagement API or X API v2, saved as files that
/// `engage report` reads like any export.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch post metrics from the Engagement API or X API v2 into files engage report reads.",
        discussion: """
        Credentials come from X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET and \
        X_BEARER_TOKEN, or from --credentials FILE (key=value lines, readable only by you: chmod 600). \
        Writes every raw response (secrets scrubbed) and one normalised file, normalised.json, into --out. \
        A fetch that fails keeps what it received in --out/cache; the same command run again resumes. \
        Try it without an account: run `engage sandbox` and pass the --api-base it prints.
        """
    )

    @Option(name: [.customLong("handle"), .customLong("user")],
            help: ArgumentHelp("Fetch the posts of this @handle (X API v2 timeline).", valueName: "HANDLE"))
    var handle: String?

    @Option(help: ArgumentHelp("Fetch these post ids (comma-separated) or the ids in this file (one per line).", valueName: "IDS|FILE"))
    var ids: String?

    @Option(name: .customLong("from-export"), help: ArgumentHelp("Fetch fresh metrics for the posts of this export (any format engage reads).", valueName: "FILE"))
    var fromExport: String?

    @Option(name: [.customLong("source"), .customLong("endpoint")],
            help: ArgumentHelp("Where metrics come from: totals, 28hr, historical or v2 (default historical for a handle, totals for ids).", valueName: "SOURCE"))
    var source: String?

    @Option(help: ArgumentHelp("First day (YYYY-MM-DD, UTC).", valueName: "DATE"))
    var from: String?

    @Option(help: ArgumentHelp("Last day, inclusive (YYYY-MM-DD, UTC; default today).", valueName: "DATE"))
    var to: String?

    @Option(help: ArgumentHelp("Engagement types, comma-separated (default every type the endpoint allows).", valueName: "LIST"))
    var types: String?

    @OptionGroup var access: APIAccess

    @Option(help: ArgumentHelp("Folder for the responses and normalised.json.", valueName: "DIR"))
    var out = "fetched"

    @Flag(help: "Print the unique handles requested per calendar month and exit.")
    var usage = false

    @Flag(name: .shortAndLong, help: "Print progress lines to stderr.")
    var verbose = false

    func validate() throws {
        if usage { return }
        if [handle, ids, fromExport].compactMap({ $0 }).count != 1 {
            throw ValidationError("give one of --handle NAME, --ids IDS or --from-export FILE")
        }
        if let source, FetchRequest.Source(rawValue: source) == nil {
            throw ValidationError("--source \(source): expected totals, 28hr, historical or v2")
        }
        for (flag, value) in [("--from", from), ("--to", to)] where value != nil && CalendarDay(iso: value!) == nil {
            throw ValidationError("\(flag) \(value!): not a date (expected YYYY-MM-DD)")
        }
        if handle != nil && from == nil { throw ValidationError("--handle needs --from (the first day to fetch)") }
    }

    func run() async throws {
        if usage {
            do { Console.out(try HandleUsageLedger(path: access.statePath).summary()) } catch {
                throw fail(.cannotCreate, "\(access.statePath): \(error)")
            }
            return
        }
        let request = try fetchRequest()
        let folder = URL(filePath: out, directoryHint: .isDirectory)
        let (outcome, normalised, resumed) = try await access.fetch(request, handle: handle.map(APIAccess.bareHandle),
                                                                    into: folder, verbose: verbose)
        if resumed > 0 { Console.out("resumed: \(resumed) response\(resumed == 1 ? "" : "s") taken from the previous, interrupted run") }
        let skipped = outcome.issues.filter { $0.kind == .skippedRow }.count
        Console.out("fetched \(outcome.posts.count) posts, \(outcome.hourly.count) hourly counts, \(outcome.issues.count) data issue\(outcome.issues.count == 1 ? "" : "s") (\(skipped) post\(skipped == 1 ? "" : "s") without data)")
        for issue in outcome.issues.prefix(10) { Console.out("  \(issue.postID.map { "post \($0)" } ?? "request"): \(issue.reason)") }
        if outcome.issues.count > 10 { Console.out("  … and \(outcome.issues.count - 10) more") }
        Console.out("wrote \(outcome.responses.count) responses to \(out)/responses/ and \(normalised.path)")
        Console.out("next: engage report \(normalised.path) --tz <your zone> --out out")
    }

    private func fetchRequest() throws -> FetchRequest {
        let target: FetchRequest.Target
        if let handle {
            target = .user(APIAccess.bareHandle(handle))
        } else if let fromExport {
            target = .ids(try InputLoading.dataset([fromExport]).posts.map(\.id))
        } else {
            target = .ids(try parsedIDs(ids ?? ""))
        }
        var typeList: [EngagementType]?
        if let types {
            typeList = try types.split(separator: ",").map { item in
                guard let type = EngagementType(rawValue: item.trimmingCharacters(in: .whitespaces)) else {
                    throw fail(.usage, "--types: unknown engagement type \"\(item)\" (expected \(EngagementType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return type
            }
        }
        let start = from.flatMap { CalendarDay(iso: $0) }.map { LocalClock.utc.startOfDay($0) }
        // Without --to: up to the last whole hour (the API refuses ends in the future, and rounds outward).
        let lastHour = APIAccess.lastWholeHour()
        let end = to.flatMap { CalendarDay(iso: $0) }.map { min(LocalClock.utc.startOfDay($0.adding(days: 1)), lastHour) } ?? lastHour
        return FetchRequest(target: target, source: source.flatMap(FetchRequest.Source.init(rawValue:)), from: start, to: end, types: typeList)
    }

    /// Ids from a comma-separated list or a file with one id per line.
    private func parsedIDs(_ text: String) throws -> [UInt64] {
        var source = text
        if FileManager.default.fileExists(atPath: text) {
            // A list of ids is a regular file of a few megabytes; a FIFO or device could be endless.
            let attributes = try? FileManager.default.attributesOfItem(atPath: text)
            guard attributes?[.type] as? FileAttributeType == .typeRegular,
                  ((attributes?[.size] as? NSNumber)?.intValue ?? 0) <= 64 << 20 else {
                throw fail(.dataError, "--ids \(text): not a regular file of at most 64 MiB (give a list of post ids, one per line)")
            }
            guard let contents = try? String(contentsOfFile: text, encoding: .utf8) else { throw fail(.noInput, "\(text): cannot read") }
            source = contents
        }
        var ids: [UInt64] = []
        for (line, item) in source.split(whereSeparator: { $0 == "," || $0.isNewline }).enumerated() {
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let id = UInt64(trimmed) else { throw fail(.usage, "--ids: item \(line + 1) \"\(trimmed)\" is not a post id (digits only)") }
            ids.append(id)
        }
        guard !ids.isEmpty else { throw fail(.usage, "--ids: no post ids given") }
        return ids
    }
}
