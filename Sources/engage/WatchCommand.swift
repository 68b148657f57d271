import ArgumentParser
import EngageAPI
import EngageAnalysis
import EngageConfig
import EngageIngest
import EngageStore
import EngageWatch
import Foundation

/// `engage watch`: new counts in, alerts out when a post crosses a rule, each (post, rule) once.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Alert when a post crosses a threshold: exports dropped in a folder, or the API's 28hr endpoint.",
        discussion: """
        Each poll imports what is new into the store, judges every rule on every post's observations
        and records each (post, rule) alert once, with one outbox row per action, before delivering
        any. Deliveries that fail stay in the store's outbox and are retried with backoff (webhooks
        carry an Idempotency-Key header), across restarts. With --once: one poll, then deliveries
        until none is due within a minute; exit 69 when some stay in the outbox.
        """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The rules (YAML): name, when, notify, kind, hashtag, campaign, min_impressions.", valueName: "FILE"))
    var rules: String

    @Option(help: ArgumentHelp("Campaign definitions (YAML rules or a post_id,campaign CSV) that rules' campaign: filters name.", valueName: "FILE"))
    var campaigns: String?

    @OptionGroup var timeZone: TimeZoneOption

    @Option(help: ArgumentHelp("Import the exports that appear in this folder (hidden files and *.part are skipped).", valueName: "DIR"))
    var dir: String?

    @Flag(help: "Poll the Engagement API's 28hr endpoint for the recent posts of --user.")
    var api = false

    @Option(name: [.customLong("user"), .customLong("handle")], help: ArgumentHelp("The account (with --api: whose posts; else: only this account).", valueName: "HANDLE"))
    var user: String?

    @Option(help: ArgumentHelp("With --api: 28hr (the only source watch polls).", valueName: "SOURCE"))
    var source = "28hr"

    @OptionGroup(title: "API access (with --api)") var access: APIAccess

    @Flag(help: "Poll once, deliver, and exit.")
    var once = false

    @Option(help: ArgumentHelp("Poll this often, e.g. 30s, 15m, 1h (default 15m).", valueName: "DURATION"))
    var every: String?

    @Option(name: .customLong("max-age"), help: ArgumentHelp("Judge only posts at most this old at their latest observation, e.g. 2d, 12h (default 7d): an old history does not alert.", valueName: "DURATION"))
    var maxAge = "7d"

    @Option(name: .customLong("retry-after"), help: ArgumentHelp("Seconds before the first retry of a failed delivery; doubled each time, at most 15 minutes.", valueName: "SECONDS"))
    var retryAfter: Double = 5

    @Flag(name: .shortAndLong, help: "Print only alerts and errors.")
    var quiet = false

    func validate() throws {
        if (dir == nil) == !api { throw ValidationError("give either --dir FOLDER or --api --user HANDLE") }
        if api && user == nil { throw ValidationError("--api needs --user HANDLE") }
        if source != "28hr" { throw ValidationError("--source \(source): watch polls only 28hr") }
        if once && every != nil { throw ValidationError("use either --once or --every, not both") }
        if let every, Self.seconds(every) == nil { throw ValidationError("--every \(every): expected a duration such as 30s, 15m or 1h") }
        if !(retryAfter > 0) { throw ValidationError("--retry-after must be above 0") }
        if Self.seconds(maxAge) == nil { throw ValidationError("--max-age \(maxAge): expected a duration such as 12h or 7d") }
    }

    func run() async throws {
        let ruleList: [WatchRule]
        do { ruleList = try WatchRuleFile.load(path: rules) } catch {
            throw fail(error.isUnreadable ? .noInput : .dataError, error.description)
        }
        let campaignList = try watchCampaigns(for: ruleList)
        let store = try storeOptions.open()
        let sender = AlertSender { line in Console.out(line) }
        let watcher = Watcher(store: store, rules: ruleList, handle: user.map(APIAccess.bareHandle), sender: sender,
                              retryAfter: retryAfter, maximumAge: Self.seconds(maxAge) ?? 7 * 86_400, campaigns: campaignList)
        let interval = every.flatMap(Self.seconds) ?? 900
        var folder = dir.map { DropFolder(path: $0) }
        while true {
            let started = Date()
            if var dropFolder = folder {
                try dropFolder.importNew(into: store, quiet: quiet)
                folder = dropFolder
            } else {
                try await pollAPI(into: store)
            }
            let alerts: [Alert]
            do { alerts = try watcher.detect() } catch { throw StoreAccess.failure(error) }
            if !quiet && !alerts.isEmpty { Console.info("\(alerts.count) new alert\(alerts.count == 1 ? "" : "s")") }
            if once { return try await deliverUntilSettled(watcher) }
            let nextPoll = started.addingTimeInterval(interval)
            repeat {
                try await deliver(watcher)
                let nextDue: Date?
                do { nextDue = try store.pending().nextDue } catch { throw StoreAccess.failure(error) }
                let wake = min(nextPoll, max(nextDue ?? nextPoll, Date()))
                try await Task.sleep(for: .seconds(max(0.05, wake.timeIntervalSinceNow)))
            } while Date() < nextPoll
        }
    }

    /// The campaigns of `--campaigns`, checked against the rules that filter on one: a rule naming
    /// a campaign needs the file, and the file must define that campaign.
    private func watchCampaigns(for rules: [WatchRule]) throws -> WatchCampaigns? {
        let filtering = rules.filter { $0.campaign != nil }
        guard let path = campaigns else {
            guard let rule = filtering.first else { return nil }
            throw fail(.usage, ConfigError(file: self.rules, line: rule.line, key: "campaign",
                                           message: "rule \(rule.name) filters on campaign \(rule.campaign ?? ""); give the campaigns file with --campaigns FILE").description)
        }
        let definitions = try InputLoading.campaigns(path)
        let clock = try timeZone.clock(warnIfMissing: !quiet && definitions.contains { $0.from != nil || $0.to != nil })
        let chosen: WatchCampaigns
        do throws(CampaignError) { chosen = try WatchCampaigns(definitions: definitions, clock: clock) } catch { throw fail(.dataError, "\(path): \(error.description)") }
        if let rule = chosen.rulesNamingUnknownCampaigns(rules).first {
            throw fail(.dataError, ConfigError(file: self.rules, line: rule.line, key: "campaign",
                                               message: "rule \(rule.name): no campaign \(rule.campaign ?? "") in \(path) (it defines: \(definitions.map(\.name).joined(separator: ", ")))").description)
        }
        return chosen
    }

    /// Delivers what is due, printing failures as warnings.
    private func deliver(_ watcher: Watcher) async throws {
        do {
            let outcome = try await watcher.deliverDue()
            for failure in outcome.failures { Console.warning(failure) }
        } catch { throw StoreAccess.failure(error) }
    }

    /// `--once`: deliveries until the outbox is empty or its next retry is over a minute away.
    private func deliverUntilSettled(_ watcher: Watcher) async throws {
        let limit = Date().addingTimeInterval(60)
        while true {
            try await deliver(watcher)
            let pending: (count: Int, nextDue: Date?)
            do { pending = try watcher.store.pending() } catch { throw StoreAccess.failure(error) }
            guard pending.count > 0 else { return }
            guard let due = pending.nextDue, due <= limit else {
                throw fail(.unavailable, "\(pending.count) alert deliver\(pending.count == 1 ? "y stays" : "ies stay") in the outbox of \(watcher.store.path); the next run retries")
            }
            try await Task.sleep(for: .seconds(max(0.01, due.timeIntervalSinceNow)))
        }
    }

    /// Fetches the last 28 hours of `--user`'s posts and imports them, observed now.
    private func pollAPI(into store: HistoryStore) async throws {
        let handle = APIAccess.bareHandle(user ?? "")
        let end = Date()
        let request = FetchRequest(target: .user(handle), source: .last28Hours, from: end.addingTimeInterval(-28 * 3600), to: end)
        let folder = FileManager.default.temporaryDirectory.appending(path: "engage-watch-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (outcome, normalised, _) = try await access.fetch(request, handle: handle, into: folder, verbose: false)
        let file: ExportFile
        do { file = try ExportFile.read(path: normalised.path) } catch { throw fail(error.exitStatus, error.description) }
        var item = try StoreAccess.storeImport(file, handle: handle)
        // Observed when the API says its counts end (the 28hr response's `end`), else now.
        item.observedAt = outcome.responses
            .filter { $0.status == 200 && $0.url.path.hasSuffix("/28hr") }
            .compactMap { try? EngagementResponse(data: $0.body, source: $0.name).end }
            .max() ?? end
        item.input.path = "api 28hr \(ISO8601DateFormatter().string(from: item.observedAt))"
        do {
            let outcome = try store.importFile(item)
            if !quiet { Console.info("polled @\(handle): \(file.posts.count) recent posts, \(outcome.newPosts) new") }
        } catch { throw StoreAccess.failure(error) }
    }

    /// `30s`, `15m`, `1h`, `7d` in seconds.
    static func seconds(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let n = Double(text.dropLast()), n > 0, n.isFinite else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        default: return nil
        }
    }
}

/// A folder exports are dropped into; each file is read once per process (the store skips a
/// file it has seen before by its SHA-256).
struct DropFolder {
    let path: String
    /// Files (name, size, modification time) already looked at.
    private var seen: Set<String> = []

    init(path: String) { self.path = path }

    /// Imports the files not seen before, in name order; a file that cannot be read is a warning,
    /// not the end of the watch (it is tried again when it changes).
    mutating func importNew(into store: HistoryStore, quiet: Bool) throws {
        let manager = FileManager.default
        let names: [String]
        do { names = try manager.contentsOfDirectory(atPath: path).sorted() } catch {
            throw fail(.noInput, "\(path): cannot list the folder (\(error.localizedDescription))")
        }
        for name in names where !name.hasPrefix(".") && !name.hasSuffix(".part") {
            let file = (path as NSString).appendingPathComponent(name)
            guard let attributes = try? manager.attributesOfItem(atPath: file), attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            let key = "\(name) \(attributes[.size] ?? 0) \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
            guard seen.insert(key).inserted else { continue }
            do {
                try StoreAccess.importFiles([file], into: store, handle: nil, quiet: quiet)
            } catch let failure as ReportedFailure where failure.status != .cannotCreate {
                Console.warning("skipped \(file): \(failure.message ?? "cannot be imported")")
            }
        }
    }
}
