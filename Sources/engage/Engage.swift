import ArgumentParser
import Foundation

/// The `engage` command: X/Twitter engagement exports and API data in, report files out.
@main
struct Engage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engage",
        abstract: "Turn X/Twitter engagement exports into a workbook, charts and an email-ready summary.",
        discussion: """
        Exit codes: 0 ok, 64 usage, 65 data error (or, with --period, a period without posts or account days), \
        66 input missing or unreadable, 69 API unavailable, 73 output cannot be created, \
        76 API refused the request, 77 credential problem.
        """,
        version: EngageVersion.current,
        subcommands: [ReportCommand.self, CompareCommand.self, HoursCommand.self, ValidateCommand.self,
                      FetchCommand.self, SandboxCommand.self, StoreCommand.self, WatchCommand.self],
        defaultSubcommand: nil
    )

    /// Runs the chosen subcommand; a ``ReportedFailure`` prints its message and ends the
    /// process with its own exit status, anything else goes through argument-parser's handling.
    static func main() async {
        MallocTuning.returnLargeBlocksToTheSystem()
        Interrupts.install()
        var command: ParsableCommand
        do { command = try parseAsRoot() } catch { Engage.exit(withError: error) }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as ReportedFailure {
            if let message = failure.message { Console.error(message) }
            Engage.exit(withError: ExitCode(failure.status.rawValue))
        } catch let error as ValidationError {
            // Found while running (an option checked against a file or the clock): the message
            // names the option; the top-level usage would not help.
            Console.error(error.message)
            Engage.exit(withError: ExitStatus.usage.exitCode)
        } catch {
            Engage.exit(withError: error)
        }
    }
}

/// The version printed by `--version` and written into every output's About section.
enum EngageVersion {
    static let current = "0.1.0"
}
