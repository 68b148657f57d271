import ArgumentParser
import EngageAPI
import EngageModel
import Foundation

/// `--credentials`, `--api-base`, `--state`: how `engage fetch` and `engage report --api` reach the APIs.
struct APIAccess: ParsableArguments {
    @Option(help: ArgumentHelp("Credentials file (must not be readable by group or others).", valueName: "FILE"))
    var credentials: String?

    @Option(name: .customLong("api-base"), help: ArgumentHelp("Base URL of both APIs (the sandbox's, for trying it out).", valueName: "URL"))
    var apiBase: String?

    @Option(name: .customLong("state"), help: ArgumentHelp("File counting the unique handles requested per month.", valueName: "FILE"))
    var statePath = (ProcessInfo.processInfo.environment["HOME"] ?? ".") + "/.engage/handles.json"

    @Option(name: .customLong("request-timeout"),
            help: ArgumentHelp("Seconds one request may take in all, however slowly the server sends; then it is retried.", valueName: "SECONDS"))
    var requestTimeout: Double = 120

    @Option(name: .customLong("fetch-timeout"),
            help: ArgumentHelp("Seconds the whole fetch may take, requests and waits together.", valueName: "SECONDS"))
    var fetchTimeout: Double = 3_600

    func validate() throws {
        if let apiBase, URL(string: apiBase)?.host == nil { throw ValidationError("--api-base \(apiBase): not a URL") }
        if !(requestTimeout >= 1 && requestTimeout <= 86_400) { throw ValidationError("--request-timeout \(requestTimeout): expected 1 to 86400 seconds") }
        if !(fetchTimeout >= 1 && fetchTimeout <= 604_800) { throw ValidationError("--fetch-timeout \(fetchTimeout): expected 1 to 604800 seconds") }
    }

    /// Credentials from --credentials FILE or the environment; exit 77 when there are none or the file is loose.
    func loadCredentials() throws -> Credentials {
        do {
            if let credentials { return try Credentials.load(fromFile: credentials) }
        } catch let error as APIError {
            throw fail(.noPermission, error.description)
        }
        let fromEnvironment = Credentials(environment: ProcessInfo.processInfo.environment)
        guard fromEnvironment.hasUserContext || fromEnvironment.bearerToken != nil else {
            throw fail(.noPermission, "no credentials: set \(Credentials.variableNames.joined(separator: ", ")) or give --credentials FILE")
        }
        return fromEnvironment
    }

    /// Runs `request` and saves what came into `folder`: raw responses (secrets scrubbed) under
    /// `responses/` and `normalised.json`. Answered requests are kept in `folder/cache` until the
    /// fetch completes, so that rerunning a failed fetch resumes.
    /// `verbose` names every request as it is awaited; progress lines go to a terminal (or with
    /// `verbose`), never with `quiet`.
    /// - Returns: the outcome, the path of `normalised.json` and how many responses were resumed.
    func fetch(_ request: FetchRequest, handle: String?, into folder: URL, verbose: Bool, quiet: Bool = false) async throws
        -> (outcome: FetchOutcome, normalised: URL, resumed: Int) {
        let credentials = try loadCredentials()
        var configuration = apiBase.flatMap(URL.init(string:)).map { APIConfiguration(apiBase: $0) } ?? APIConfiguration()
        configuration.requestDeadline = requestTimeout
        configuration.fetchDeadline = fetchTimeout
        let cache = ResponseCache(directory: folder.appending(path: "cache"))
        let session = APISession(configuration: configuration, credentials: credentials, cache: cache,
                                 progress: verbose ? { @Sendable message in Console.info(message) } : nil,
                                 notice: { @Sendable message in Console.warning(message) })
        let fetcher = Fetcher(session: session, ledger: handle == nil ? nil : HandleUsageLedger(path: statePath))
        let showProgress = !quiet && (verbose || isatty(STDERR_FILENO) != 0)
        let progress: (@Sendable (String) -> Void)? = showProgress ? { @Sendable message in Console.info(message) } : nil
        let outcome: FetchOutcome
        do {
            outcome = try await fetcher.run(request, now: Date(), progress: progress)
        } catch let error as APIError {
            // What is really in the cache folder (a 200 that was an HTML page is logged but not kept).
            let kept = ((try? FileManager.default.contentsOfDirectory(atPath: cache.directory.path)) ?? [])
                .filter { $0.hasSuffix(".json") }.count
            let resume = kept > 0 ? "\n\(kept) response\(kept == 1 ? "" : "s") received so far \(kept == 1 ? "is" : "are") kept in \(cache.directory.path); run the same command again to resume" : ""
            throw fail(ExitStatus(rawValue: error.exitCode) ?? .unavailable, error.description + resume)
        }
        let normalised: URL
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            _ = try ResponseArchive.writeRaw(outcome.responses, to: folder.appending(path: "responses"), scrubbing: credentials)
            normalised = try ResponseArchive.writeNormalised(posts: Self.withPermalinks(outcome, handle: handle),
                                                             hourly: outcome.hourly, to: folder)
        } catch {
            throw fail(.cannotCreate, "cannot write into \(folder.path): \(error)")
        }
        // Everything is saved as responses and normalised.json: the resume cache has served its turn.
        try? FileManager.default.removeItem(at: cache.directory)
        return (outcome, normalised, await session.reused)
    }

    /// The posts, each with a permalink naming the account (how the report learns the handle).
    private static func withPermalinks(_ outcome: FetchOutcome, handle: String?) -> [Post] {
        guard let name = outcome.user?.username ?? handle else { return outcome.posts }
        return outcome.posts.map { post in
            var post = post
            if post.permalink == nil { post.permalink = "https://x.com/\(name)/status/\(post.id)" }
            return post
        }
    }

    /// `@name` or `name` as `name`.
    static func bareHandle(_ handle: String) -> String { handle.hasPrefix("@") ? String(handle.dropFirst()) : handle }

    /// The last whole hour: the APIs refuse ends in the future and round outward.
    static func lastWholeHour() -> Date { Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600) }
}
