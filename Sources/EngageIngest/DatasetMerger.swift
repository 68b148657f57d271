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
    // Posts are kept apart from their files so that the merge owns the only copy of each
    // list and can sort a single large file in place.
    var files: [ExportFile] = []
    var postLists: [[Post]] = []
    for path in paths {
        let file = try ExportFile.read(path: path)
        postLists.append(file.posts)
        files.append(file.withoutPosts())
    }
    let dataset = DatasetMerger.merge(files, posts: &postLists)
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
/// - Each per-post file's span of posting times is kept (``Dataset/postSpans``), so that a report
///   can tell days no input covers from days without posts.
/// - The handle is the first file's that has one; a different handle in another file is a
///   warning.
public enum DatasetMerger {
    /// Merges `files`, given in command-line order.
    public static func merge(_ files: [ExportFile]) -> Dataset {
        var postLists = files.map(\.posts)
        return merge(files, posts: &postLists)
    }

    /// Merges `files` whose posts are passed separately in `postLists` (one list per file);
    /// the lists are consumed (left empty).
    static func merge(_ files: [ExportFile], posts postLists: inout [[Post]]) -> Dataset {
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
        let spans = files.indices.compactMap { f -> PostSpan? in
            let times = postLists[f].lazy.map(\.postedAt)
            guard let first = times.min(), let last = times.max() else { return nil }
            return PostSpan(file: files[f].input.path, first: first, last: last)
        }

        let posts = uniqueByID(files, order: order, taking: &postLists, issues: &issues)

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
        return Dataset(posts: posts, daily: days, inputs: files.map(\.input), issues: issues, handle: handle,
                       hourly: mergedHourly(files, order: order), postSpans: spans)
    }

    /// The posts of `postLists` with one per id (the last met, files taken in `order`), oldest
    /// first; an issue for each record replaced. The lists are consumed.
    private static func uniqueByID(_ files: [ExportFile], order: [Int], taking postLists: inout [[Post]],
                                   issues: inout [DataIssue]) -> [Post] {
        // One export in id order (newest first, as X writes them, or oldest first) repeats no id:
        // it needs no keys, only reversing when newest first, unless its times disagree with its ids.
        if let single = singleListInIDOrder(postLists) {
            var posts: [Post] = []
            swap(&posts, &postLists[single])
            if posts.count > 1, posts[0].id > posts[posts.count - 1].id { posts.reverse() }
            if isInTimeOrder(posts) { return posts }
            swap(&posts, &postLists[single])
        }

        // Posts by id: sort small keys by id, then by the order the records are met in (files by
        // rank, lines in order), so that the repeats of an id sit together and the last one wins.
        // 16 bytes a post, where a dictionary by id took about 48 at a million posts.
        var keys: [IDKey] = []
        keys.reserveCapacity(postLists.reduce(0) { $0 + $1.count })
        for (rank, f) in order.enumerated() {
            for (i, post) in postLists[f].enumerated() { keys.append(IDKey(id: post.id, rank: Int32(rank), index: Int32(i))) }
        }
        keys.sort { $0.id != $1.id ? $0.id < $1.id : $0.rank != $1.rank ? $0.rank < $1.rank : $0.index < $1.index }
        var winners: [Reference] = []
        winners.reserveCapacity(keys.count)
        // Each replaced record's issue, keyed by where its replacement was met (the order they are listed in).
        var replaced: [(rank: Int32, index: Int32, issue: DataIssue)] = []
        var k = 0
        while k < keys.count {
            var last = keys[k]
            while k + 1 < keys.count, keys[k + 1].id == last.id {
                let next = keys[k + 1]
                let loser = postLists[order[Int(last.rank)]][Int(last.index)]
                let winner = postLists[order[Int(next.rank)]][Int(next.index)]
                replaced.append((next.rank, next.index, DataIssue(
                    .merged, at: loser.origin, postID: last.id,
                    reason: replacementReason(files, loser: order[Int(last.rank)], winner: order[Int(next.rank)], at: winner.origin))))
                last = next
                k += 1
            }
            winners.append(Reference(file: order[Int(last.rank)], index: Int(last.index)))
            k += 1
        }
        keys = []
        replaced.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.index < $1.index }
        issues += replaced.map(\.issue)
        return sortedByTime(winners, taking: &postLists)
    }

    /// The one non-empty list when its ids strictly rise or strictly fall.
    private static func singleListInIDOrder(_ lists: [[Post]]) -> Int? {
        let nonEmpty = lists.indices.filter { !lists[$0].isEmpty }
        guard nonEmpty.count == 1 else { return nil }
        let posts = lists[nonEmpty[0]]
        guard posts.count > 1 else { return nonEmpty[0] }
        let rising = posts[0].id < posts[1].id
        for k in 1..<posts.count {
            let (a, b) = (posts[k - 1].id, posts[k].id)
            if rising ? a >= b : a <= b { return nil }
        }
        return nonEmpty[0]
    }

    /// True when `posts` are ordered by posting time, then id.
    private static func isInTimeOrder(_ posts: [Post]) -> Bool {
        posts.indices.dropFirst().allSatisfy { k in
            let (a, b) = (posts[k - 1], posts[k])
            return a.postedAt < b.postedAt || (a.postedAt == b.postedAt && a.id < b.id)
        }
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

    /// Hourly counts, one per (post, metric, hour): a file ranked later replaces an earlier one's
    /// count for the same hour (a later fetch of the same window), so no hour is counted twice.
    private static func mergedHourly(_ files: [ExportFile], order: [Int]) -> [HourlyCount] {
        struct Key: Hashable { let post: UInt64; let metric: Metric; let hour: Date }
        var index: [Key: Int] = [:]
        var counts: [HourlyCount] = []
        for f in order {
            for count in files[f].hourly {
                let key = Key(post: count.tweetID, metric: count.metric, hour: count.hourStartUTC)
                if let i = index[key] { counts[i] = count } else { index[key] = counts.count; counts.append(count) }
            }
        }
        return counts.sorted { ($0.hourStartUTC, $0.tweetID, $0.metric.rawValue) < ($1.hourStartUTC, $1.tweetID, $1.metric.rawValue) }
    }

    /// A post's id and where it is met: the file's rank and the post's position in that file.
    private struct IDKey {
        var id: UInt64
        var rank: Int32
        var index: Int32
    }

    /// Where a post sits: file and position in that file's posts.
    private struct Reference {
        var file: Int
        var index: Int
    }

    /// A post's sort key.
    private struct SortKey {
        var time: Double
        var id: UInt64
        var slot: Int
    }

    /// The referenced posts ordered by posting time, then id. Sorts small keys; when every post
    /// of a single list wins (one file, no repeats) the list is reordered in place, otherwise
    /// each winning post is copied once.
    private static func sortedByTime(_ references: [Reference], taking lists: inout [[Post]]) -> [Post] {
        var keys: [SortKey] = []
        keys.reserveCapacity(references.count)
        for (slot, r) in references.enumerated() {
            let post = lists[r.file][r.index]
            keys.append(SortKey(time: post.postedAt.timeIntervalSince1970, id: post.id, slot: slot))
        }
        keys.sort { $0.time < $1.time || ($0.time == $1.time && $0.id < $1.id) }

        let nonEmpty = lists.indices.filter { !lists[$0].isEmpty }
        if nonEmpty.count == 1, lists[nonEmpty[0]].count == references.count {
            var posts: [Post] = []
            swap(&posts, &lists[nonEmpty[0]])
            // Position j receives the post at references[keys[j].slot].index.
            var destinationOf = keys.map { references[$0.slot].index }
            keys = []
            if destinationOf.indices.allSatisfy({ destinationOf[$0] == $0 }) { return posts }
            if destinationOf.indices.allSatisfy({ destinationOf[$0] == posts.count - 1 - $0 }) {
                posts.reverse()
                return posts
            }
            applyInPlace(&destinationOf, to: &posts)
            return posts
        }
        var posts: [Post] = []
        posts.reserveCapacity(keys.count)
        for key in keys {
            let r = references[key.slot]
            posts.append(lists[r.file][r.index])
        }
        for i in lists.indices { lists[i] = [] }
        return posts
    }

    /// Reorders `posts` so that position `k` receives the post at `source[k]`, following each
    /// cycle of the permutation with swaps (no second array). `source` is used up.
    private static func applyInPlace(_ source: inout [Int], to posts: inout [Post]) {
        for start in source.indices where source[start] != start {
            var k = start
            while source[k] != start {
                let from = source[k]
                posts.swapAt(k, from)
                source[k] = k
                k = from
            }
            source[k] = k
        }
    }
}
