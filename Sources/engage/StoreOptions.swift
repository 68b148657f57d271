import ArgumentParser
import EngageIngest
import EngageModel
import EngageStore
import Foundation

/// `--store FILE` (or `ENGAGE_STORE`): the history store a command reads and writes.
struct StoreOptions: ParsableArguments {
    init() {}

    /// Options naming `store` (nil: `ENGAGE_STORE`).
    init(store: String?) { self.store = store }

    @Option(help: ArgumentHelp("The history store (an SQLite file, created when missing); default: a report template's store:, else $ENGAGE_STORE.", valueName: "FILE"))
    var store: String?

    /// The store path from `--store`, else `ENGAGE_STORE`; nil when neither is set.
    var path: String? {
        store ?? ProcessInfo.processInfo.environment["ENGAGE_STORE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Opens the store; a command that needs one fails with a usage error without it. A command
    /// that only reads (`existing`) fails with 66 instead of creating an empty store.
    func open(existing: Bool = false) throws -> HistoryStore {
        guard let path else { throw fail(.usage, "give the history store with --store FILE or ENGAGE_STORE") }
        if existing && !FileManager.default.fileExists(atPath: path) {
            throw fail(.noInput, "\(path): no such store (engage store import FILE --store \(path) creates it)")
        }
        return try StoreAccess.open(path)
    }
}

/// Opening the store and importing files into it, with failures explained once on stderr.
enum StoreAccess {
    static func open(_ path: String) throws -> HistoryStore {
        do { return try HistoryStore(path: path) } catch { throw failure(error) }
    }

    /// The exit status and message for a store failure.
    static func failure(_ error: StoreError) -> ReportedFailure {
        switch error.kind {
        case .cannotOpen: fail(.cannotCreate, error.message)
        case .corrupt: fail(.dataError, error.message)
        case .refused: fail(.usage, error.message)
        }
    }

    /// Reads each of `paths` and imports it into `store` (one transaction per file), printing a
    /// line per file to stderr unless `quiet`. `handle` names the account of files that do not.
    static func importFiles(_ paths: [String], into store: HistoryStore, handle: String?, quiet: Bool) throws {
        for path in paths {
            let file: ExportFile
            do { file = try ExportFile.read(path: path) } catch { throw fail(error.exitStatus, error.description) }
            let item = try storeImport(file, handle: handle)
            let outcome: ImportOutcome
            do { outcome = try store.importFile(item) } catch { throw failure(error) }
            guard !quiet else { continue }
            if outcome.alreadyImported {
                Console.info("\(path): imported before (same SHA-256), nothing changed")
            } else {
                Console.info("\(path): @\(item.handle), \(outcome.newPosts) new posts, \(outcome.newObservations) post observations, \(outcome.newDays) account days")
            }
        }
    }

    /// `file` as the store takes it: whose it is and when its counts were observed.
    static func storeImport(_ file: ExportFile, handle given: String?) throws -> StoreImport {
        let given = given.map(APIAccess.bareHandle)
        if let given, let own = file.handle, own.lowercased() != given.lowercased() {
            throw fail(.dataError, "\(file.input.path): this file is for @\(own), not @\(given)")
        }
        guard let handle = file.handle ?? given else {
            throw fail(.usage, "\(file.input.path): the file does not say whose it is; give the account with --handle HANDLE")
        }
        return StoreImport(input: file.input, handle: handle, observedAt: observedAt(file), posts: file.posts, daily: file.daily)
    }

    /// When a file's counts were observed: the end of the export window its name gives (the
    /// start of the following UTC day), else the latest post or day it holds.
    static func observedAt(_ file: ExportFile) -> Date {
        if let end = file.windowEnd { return LocalClock.utc.startOfDay(end.adding(days: 1)) }
        let lastPost = file.posts.map(\.postedAt).max()
        let lastDay = file.daily.map(\.day).max().map { LocalClock.utc.startOfDay($0.adding(days: 1)) }
        return [lastPost, lastDay].compactMap { $0 }.max() ?? Date(timeIntervalSince1970: 0)
    }
}

extension StoreOptions {
    /// What a report reads: without a store, `inputs` merged as usual; with one (`store`, else
    /// `ENGAGE_STORE`), `inputs` imported first, then `handle`'s account (or that of the inputs,
    /// or the store's only one) read back from the store. The command passes as `store` a batch
    /// job's `store:`, else `--store`, else the template's `store:`.
    func reportDataset(_ inputs: [String], handle: String?, quiet: Bool, store storePath: String?) throws -> Dataset {
        let chosen = StoreOptions(store: storePath)
        guard chosen.path != nil else { return try InputLoading.dataset(inputs, quiet: quiet) }
        let store = try chosen.open(existing: inputs.isEmpty)
        var handle = handle.map(APIAccess.bareHandle)
        for path in inputs {
            let file: ExportFile
            do { file = try ExportFile.read(path: path) } catch { throw fail(error.exitStatus, error.description) }
            let item = try StoreAccess.storeImport(file, handle: handle)
            do { _ = try store.importFile(item) } catch { throw StoreAccess.failure(error) }
            handle = handle ?? item.handle
        }
        let dataset: Dataset
        do { dataset = try store.dataset(handle: try store.resolveHandle(handle)) } catch { throw StoreAccess.failure(error) }
        guard !dataset.posts.isEmpty || !dataset.daily.isEmpty else {
            throw fail(.dataError, "\(store.path): no posts or days of @\(dataset.handle ?? "?") in the store")
        }
        if !quiet {
            Console.info("read @\(dataset.handle ?? "?") from \(store.path): \(dataset.posts.count) posts, \(dataset.daily.count) account days, \(dataset.inputs.count) files imported")
        }
        return dataset
    }
}
