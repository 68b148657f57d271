import ArgumentParser
import EngageSandbox
import Foundation

/// `engage sandbox`: a local fake of the Engagement API and X API v2 with synthetic accounts,
/// for trying `engage fetch` without credentials and for tests over real HTTP.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a local fake of the Engagement API and X API v2 with synthetic accounts.",
        discussion: """
        Prints its base URL and the (public, sandbox-only) credentials to export, then serves until \
        interrupted (Ctrl-C). Faults for testing, e.g. --faults "429x3,503,slow=200ms,unavailable=2,rate=30"; \
        also reset, html, badjson, badgzip (a connection cut mid-body, a 200 HTML page, JSON cut short, \
        a body labelled gzip that is not), each with xN, and skip=N to serve N requests normally first.
        """
    )

    @Option(help: ArgumentHelp("Port on 127.0.0.1; 0 picks a free one.", valueName: "n"))
    var port = 8787

    @Option(help: ArgumentHelp("Seed of the synthetic accounts and posts.", valueName: "n"))
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Faults to inject: 429|500|502|503|reset|html|badjson|badgzip[xN], skip=N, slow=MS, unavailable=N, rate=N.", valueName: "SPEC"))
    var faults: String?

    @Option(help: ArgumentHelp("Sandbox seconds per real second: the data's clock runs this much faster from the start, so the live account's posts (@sandbox_live) gather counts quickly (3600: an hour a second).", valueName: "FACTOR"))
    var speed: Double = 1

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port \(port): expected 0 to 65535") }
        if !(speed >= 1 && speed <= 86_400) { throw ValidationError("--speed \(speed): expected a factor from 1 to 86400") }
    }

    func run() async throws {
        let server: SandboxServer
        do { server = try SandboxServer(port: port, seed: seed, faults: faults ?? "", liveSpeed: speed) } catch {
            throw fail(.usage, "--faults: \(error)")
        }
        let bound: Int
        do { bound = try await server.start() } catch {
            throw fail(.cannotCreate, "cannot listen on 127.0.0.1:\(port): \(error)")
        }
        Console.info(server.banner(port: bound))
        Console.info("try: engage fetch --handle sandbox_brand --from 2026-10-01 --to 2026-10-31 --api-base http://127.0.0.1:\(bound) --out fetched")
        // Serves until Ctrl-C or a kill: the process-wide interrupt handler (Interrupts) ends it.
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
