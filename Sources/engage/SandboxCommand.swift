import ArgumentParser
import Dispatch
import EngageSandbox
import Foundation

/// `engage sandbox`: a local fake of the Engagement API and X API v2 with synthetic accounts,
/// for trying `engage fetch` without credentials and for tests over real HTTP.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a local fake of the Engagement API and X API v2 with synthetic accounts.",
        discussion: """
        Prints its base URL and the (public, sandbox-only) credentials to export, then serves until
        interrupted (Ctrl-C). Faults for testing: --faults "429,503,slow=200ms,unavailable=2,rate=30".
        """
    )

    @Option(help: "Port on 127.0.0.1; 0 picks a free one.")
    var port = 8787

    @Option(help: "Seed of the synthetic accounts and posts.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Faults to inject: status codes for the first responses, slow=MS, unavailable=N, rate=N.", valueName: "SPEC"))
    var faults: String?

    func run() async throws {
        let server: SandboxServer
        do { server = try SandboxServer(port: port, seed: seed, faults: faults ?? "") } catch {
            throw fail(.usage, "--faults: \(error)")
        }
        let bound: Int
        do { bound = try await server.start() } catch {
            throw fail(.cannotCreate, "cannot listen on 127.0.0.1:\(port): \(error)")
        }
        Console.info(server.banner(port: bound))
        Console.info("try: engage fetch --handle sandbox_brand --from 2026-10-01 --to 2026-10-31 --api-base http://127.0.0.1:\(bound) --out fetched")
        await Self.waitForInterrupt()
        server.stop()
        Console.info("sandbox stopped")
    }

    /// Suspends until SIGINT or SIGTERM.
    private static func waitForInterrupt() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = Once()
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
                source.setEventHandler { if once.first() { continuation.resume() } }
                source.resume()
                Once.keep(source)
            }
        }
    }
}

/// True exactly once; keeps the signal sources alive for the process's lifetime.
private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    func first() -> Bool { lock.withLock { defer { done = true }; return !done } }

    static func keep(_ source: any DispatchSourceSignal) { sources.append(source) }
}
