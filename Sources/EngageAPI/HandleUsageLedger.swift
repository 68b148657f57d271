import Foundation

/// Counts the unique @handles requested per calendar month (UTC), which the Engagement API counts
/// against the contract, in a small JSON state file: `{"2026-11": ["sandbox_brand", …], …}`.
///
/// ```swift
/// let ledger = HandleUsageLedger(path: stateDir + "/usage.json")
/// let used = try ledger.record(handles: ["@Sandbox_Brand"], at: now)   // 1
/// print(try ledger.summary())                                           // 2026-11: 1 handle (sandbox_brand)
/// ```
public struct HandleUsageLedger: Sendable {
    /// The state file.
    public let path: String

    public init(path: String) { self.path = path }

    /// Adds `handles` (case-insensitive, `@` optional) to the month of `date`; returns that month's count.
    /// - Throws: when the state file cannot be read or written (the message names it).
    @discardableResult
    public func record(handles: [String], at date: Date) throws -> Int {
        var months = try load()
        let key = Self.monthKey(date)
        var set = Set(months[key] ?? [])
        for h in handles {
            let clean = (h.hasPrefix("@") ? String(h.dropFirst()) : h).lowercased()
            if !clean.isEmpty { set.insert(clean) }
        }
        months[key] = set.sorted()
        try save(months)
        return set.count
    }

    /// Handles per month, months ascending.
    public func load() throws -> [String: [String]] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        do {
            let data = try Data(contentsOf: URL(filePath: path))
            return try JSONDecoder().decode([String: [String]].self, from: data)
        } catch {
            throw APIError.badResponse("usage state file \(path) is not readable JSON; delete it to start counting afresh")
        }
    }

    /// One line per month: `2026-11: 2 handles (a, b)`, oldest first; `no handles requested yet` when empty.
    public func summary() throws -> String {
        let months = try load()
        if months.isEmpty { return "no handles requested yet" }
        return months.keys.sorted().map { k in
            let list = months[k]!
            return "\(k): \(list.count) handle\(list.count == 1 ? "" : "s") (\(list.joined(separator: ", ")))"
        }.joined(separator: "\n")
    }

    /// `YYYY-MM` of `date` in UTC.
    public static func monthKey(_ date: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", c.year!, c.month!)
    }

    func save(_ months: [String: [String]]) throws {
        let url = URL(filePath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder(); encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { try encoder.encode(months).write(to: url, options: .atomic) }
        catch { throw APIError.badResponse("cannot write the usage state file \(path)") }
    }
}
