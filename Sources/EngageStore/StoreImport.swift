import EngageModel
import Foundation

/// One input file to import: its facts, whose it is, when its counts were observed, and its rows.
public struct StoreImport: Sendable {
    /// The file's name as given, its SHA-256 and detected variant (``InputFile``).
    public var input: InputFile
    /// The account, without `@`.
    public var handle: String
    /// When the counts were true: the export window's end, or the API response's time.
    public var observedAt: Date
    /// Per-post rows.
    public var posts: [Post]
    /// Daily account rows.
    public var daily: [DailyRow]

    public init(input: InputFile, handle: String, observedAt: Date, posts: [Post], daily: [DailyRow]) {
        self.input = input; self.handle = handle; self.observedAt = observedAt; self.posts = posts; self.daily = daily
    }
}

/// What one import changed.
public struct ImportOutcome: Sendable, Equatable {
    /// True when a file with the same SHA-256 was imported before (then nothing changed).
    public var alreadyImported: Bool
    /// Posts the store did not hold before.
    public var newPosts: Int
    /// Post observations added (a post already observed at the same instant is not added again).
    public var newObservations: Int
    /// Account-day observations added.
    public var newDays: Int

    public init(alreadyImported: Bool, newPosts: Int, newObservations: Int, newDays: Int) {
        self.alreadyImported = alreadyImported; self.newPosts = newPosts
        self.newObservations = newObservations; self.newDays = newDays
    }
}
