import EngageModel
import Foundation

/// Reads every input and merges them into one ``Dataset``.
///
/// - Parameter paths: input files in command-line order.
/// - Returns: posts merged by id and daily rows merged by day (see ``DatasetMerger``), every
///   file's issues plus one ``DataIssue/Kind/merged`` issue per replaced record.
/// - Throws: the first file's ``IngestError``; ``IngestError/noInputs`` for no paths;
///   ``IngestError/nothingParseable(path:reason:)`` when no input holds a single post or day.
public func loadDataset(paths: [String]) throws(IngestError) -> Dataset {
    guard !paths.isEmpty else { throw .noInputs }
    var files: [ExportFile] = []
    files.reserveCapacity(paths.count)
    for path in paths { files.append(try ExportFile.read(path: path)) }
    let dataset = DatasetMerger.merge(files)
    if dataset.posts.isEmpty && dataset.daily.isEmpty {
        throw .nothingParseable(path: paths.joined(separator: ", "), reason: "no posts or days in any input")
    }
    return dataset
}

/// Merges export files into one ``Dataset``.
///
/// Rules:
/// - A post id (or a day) found in several files is taken from the file whose name carries
///   the later export end date; when both dates are equal or either is unknown, from the file
///   later on the command line. Files without an end date in their name rank below files
///   with one, so the order is the same whichever pair is compared.
/// - Within one file, a repeated id or day: the later line wins.
/// - Every replaced record becomes a ``DataIssue`` of kind ``DataIssue/Kind/merged`` at the
///   replaced record's location, saying which record replaced it and why.
/// - Posts are sorted by posting time, then id; days by date. Legacy daily and account
///   overview rows share one list (the same rule picks a winner when both cover a day).
/// - The handle is the first file's that has one; a different handle in another file is a
///   warning.
public enum DatasetMerger {
    /// Merges `files`, given in command-line order.
    public static func merge(_ files: [ExportFile]) -> Dataset {
        // Rank: files with an end date after those without; then by date; then command-line order.
        let order = files.indices.sorted { a, b in
            switch (files[a].windowEnd, files[b].windowEnd) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a < b
            }
        }
        var issues = files.flatMap(\.issues)

        // Posts by id.
        var postIndex: [UInt64: (slot: Int, file: Int)] = [:]
        postIndex.reserveCapacity(files.reduce(0) { $0 + $1.posts.count })
        var posts: [Post] = []
        posts.reserveCapacity(postIndex.capacity)
        for f in order {
            for post in files[f].posts {
                if let held = postIndex[post.id] {
                    issues.append(DataIssue(.merged, at: posts[held.slot].origin, postID: post.id,
                                            reason: replacementReason(files, loser: held.file, winner: f, at: post.origin)))
                    posts[held.slot] = post
                    postIndex[post.id] = (held.slot, f)
                } else {
                    postIndex[post.id] = (posts.count, f)
                    posts.append(post)
                }
            }
        }
        posts = sortedByTime(posts)

        // Days by date.
        var dayIndex: [CalendarDay: (slot: Int, file: Int)] = [:]
        var days: [DailyRow] = []
        for f in order {
            for row in files[f].daily {
                if let held = dayIndex[row.day] {
                    issues.append(DataIssue(.merged, at: days[held.slot].origin,
                                            reason: "day \(row.day) " + replacementReason(files, loser: held.file, winner: f, at: row.origin)))
                    days[held.slot] = row
                    dayIndex[row.day] = (held.slot, f)
                } else {
                    dayIndex[row.day] = (days.count, f)
                    days.append(row)
                }
            }
        }
        days.sort { $0.day < $1.day }

        // Handle.
        var handle: String?
        for file in files {
            guard let h = file.handle else { continue }
            if let first = handle {
                if first.lowercased() != h.lowercased() {
                    issues.append(DataIssue(.warning, at: SourceLocation(file: file.input.path, line: nil),
                                            reason: "this file is for @\(h) but an earlier input is for @\(first); "
                                                + "the report is titled @\(first)"))
                }
            } else {
                handle = h
            }
        }
        return Dataset(posts: posts, daily: days, inputs: files.map(\.input), issues: issues, handle: handle)
    }

    private static func replacementReason(_ files: [ExportFile], loser: Int, winner: Int, at origin: SourceLocation) -> String {
        let by = "replaced by \(origin)"
        if loser == winner { return by + ": the same record appears again later in the file" }
        switch (files[winner].windowEnd, files[loser].windowEnd) {
        case let (w?, l?) where w != l:
            return by + ": that export ends later (\(w) versus \(l))"
        case (_?, nil):
            return by + ": that file's name gives its export end date (\(files[winner].windowEnd!)), this one's does not"
        default:
            return by + ": that file comes later on the command line"
        }
    }

    /// Posts ordered by posting time, then id; sorts small keys, then moves each post once.
    private static func sortedByTime(_ posts: [Post]) -> [Post] {
        var keys = posts.indices.map { (time: posts[$0].postedAt.timeIntervalSince1970, id: posts[$0].id, slot: $0) }
        var ordered = true
        for i in keys.indices.dropFirst() where (keys[i - 1].time, keys[i - 1].id) > (keys[i].time, keys[i].id) {
            ordered = false
            break
        }
        if ordered { return posts }
        keys.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        return keys.map { posts[$0.slot] }
    }
}
