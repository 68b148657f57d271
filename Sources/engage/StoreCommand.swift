import ArgumentParser
import EngageStore
import Foundation

/// `engage store`: the history store's own commands.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Import exports into the history store, and inspect, check or export it.",
        discussion: """
        The store is one SQLite file (--store FILE or ENGAGE_STORE) that keeps every observation of
        every post's counts with the time it was observed, the accounts' daily rows and the files
        imported. Importing the same file twice changes nothing.
        """,
        subcommands: [Import.self, Info.self, Check.self, Export.self]
    )

    /// `engage store import FILE...`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import export files (CSV) or saved API responses (JSON), one transaction per file.")

        @Argument(help: "Export files or saved API responses.")
        var inputs: [String]

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("The account of files that do not name it.", valueName: "HANDLE"))
        var handle: String?

        @Flag(name: .shortAndLong, help: "Print only errors.")
        var quiet = false

        func run() throws {
            let store = try storeOptions.open()
            try StoreAccess.importFiles(inputs, into: store, handle: handle, quiet: quiet)
        }
    }

    /// `engage store info`.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the accounts and the files imported.")

        @OptionGroup var storeOptions: StoreOptions

        @Flag(help: "Print JSON: {accounts: [{handle, posts, days, first_day, last_day}], imports: [{file, sha256, variant, rows, at}]}.")
        var json = false

        func run() throws {
            let info: StoreInfo
            do { info = try storeOptions.open(existing: true).info() } catch let error as StoreError { throw StoreAccess.failure(error) }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Console.out(String(decoding: try encoder.encode(info), as: UTF8.self))
                return
            }
            for account in info.accounts {
                let days = account.firstDay.map { " (\($0)..\(account.lastDay ?? $0))" } ?? ""
                Console.out("@\(account.handle): \(account.posts) posts, \(account.days) account days\(days)")
            }
            Console.out("\(info.imports.count) file\(info.imports.count == 1 ? "" : "s") imported")
            for item in info.imports {
                Console.out("  \(item.at)  \(item.file)  \(item.variant), \(item.rows) rows, sha256 \(item.sha256.prefix(12))")
            }
        }
    }

    /// `engage store check`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run SQLite's integrity and foreign-key checks and count the rows.",
            discussion: "Exit 0 when the store is clean, 65 when a check finds a problem.")

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open(existing: true)
            let check: StoreCheck
            do { check = try store.check() } catch { throw StoreAccess.failure(error) }
            for (table, rows) in check.counts { Console.out("\(table): \(rows) rows") }
            for problem in check.integrityProblems { Console.error("\(store.path): integrity: \(problem)") }
            for problem in check.foreignKeyProblems { Console.error("\(store.path): foreign key: \(problem)") }
            guard check.isClean else { throw ReportedFailure(status: .dataError) }
            Console.out("integrity ok, foreign keys ok")
        }
    }

    /// `engage store export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an account's history as CSV on stdout: every observation of its posts, or its daily rows.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("The account (optional when the store holds one).", valueName: "HANDLE"))
        var handle: String?

        @Flag(help: "The daily account rows instead of the posts' observations.")
        var days = false

        func run() throws {
            let store = try storeOptions.open(existing: true)
            do {
                let handle = try store.resolveHandle(handle.map(APIAccess.bareHandle))
                var out = BufferedStdout()
                try StoreCSV.write(handle: handle, days: days, from: store) { out.write($0) }
                out.flush()
            } catch { throw StoreAccess.failure(error) }
        }
    }
}

/// stdout in 64 KiB writes.
struct BufferedStdout {
    private var buffer: [UInt8] = []

    mutating func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
