import Foundation

/// The posting times one per-post input spans: its first and last post. A report treats the local
/// days between them as covered by that input (a day without posts there is a day with no posts,
/// a true zero); days no input spans are gaps, never zeros.
public struct PostSpan: Sendable, Equatable {
    /// Path of the input as given.
    public var file: String
    /// Posting time of its earliest post.
    public var first: Date
    /// Posting time of its latest post.
    public var last: Date

    public init(file: String, first: Date, last: Date) {
        self.file = file; self.first = min(first, last); self.last = max(first, last)
    }

    /// One span per input file of `posts` (by each post's origin), in order of first appearance.
    public static func spans(of posts: [Post]) -> [PostSpan] {
        var spans: [PostSpan] = []
        var index: [String: Int] = [:]
        for post in posts {
            let file = post.origin.file
            if let i = index[file] {
                spans[i].first = min(spans[i].first, post.postedAt)
                spans[i].last = max(spans[i].last, post.postedAt)
            } else {
                index[file] = spans.count
                spans.append(PostSpan(file: file, first: post.postedAt, last: post.postedAt))
            }
        }
        return spans
    }
}
