import Charts
import EngageAnalysis
import EngageModel

/// Posts whose text the PDF and the charts cannot draw: characters no installed font has, which
/// show as boxes. Charts says which characters (``Canvas/missingCharacters(in:style:)``); each
/// such post shown in a top-post list becomes one data issue of kind `text not drawn`.
enum UndrawableText {
    /// One issue per post of `lists` (each post once, in list order) with characters that no
    /// installed font has in `family`.
    static func issues(in lists: [TopPosts.List], family: String) -> [DataIssue] {
        guard let canvas = try? PNGImage(width: 1, height: 1).canvas else { return [] }
        let style = TextStyle(family: family)
        var seen = Set<UInt64>()
        var issues: [DataIssue] = []
        for entry in lists.flatMap(\.entries) where seen.insert(entry.post.id).inserted {
            let missing = canvas.missingCharacters(in: entry.post.text, style: style)
            guard !missing.isEmpty else { continue }
            issues.append(DataIssue(.textNotDrawn, at: entry.post.origin, postID: entry.post.id,
                                    reason: "post \(entry.post.id): no installed font has \(codePoints(missing)); "
                                        + "drawn as boxes in the PDF and charts"))
        }
        return issues
    }

    /// `U+10FFFD, U+E000`.
    static func codePoints(_ scalars: [Unicode.Scalar]) -> String {
        scalars.map { scalar in
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }.joined(separator: ", ")
    }
}
