/// Finding hashtags in post text and comparing them the way campaign rules need.
///
/// A hashtag is `#` (or the full-width `＃`) not preceded by a letter, digit or `_`, followed by
/// one or more letters, digits, marks or `_`. Tags compare whole and case-insensitively: the rule
/// `#campA` matches `#CAMPA` and `(#campa)` but not `#campaign`.
///
/// ```swift
/// Hashtags.extract(from: "Sale! (#SpringA) #spring_b")   // ["springa", "spring_b"]
/// Hashtags.normalize("#SpringA")                          // "springa"
/// ```
public enum Hashtags {
    /// The hashtags of `text` in order of appearance, normalized (lowercased, without `#`);
    /// a tag used twice appears twice.
    public static func extract(from text: String) -> [String] {
        extractSpelled(from: text).map { $0.lowercased() }
    }

    /// The hashtags of `text` as written (without `#`), in order of appearance.
    ///
    /// Scans bytes for the two marks and only then looks at characters, so text without tags
    /// costs one pass over its UTF-8.
    public static func extractSpelled(from text: String) -> [String] {
        var tags: [String] = []
        let utf8 = text.utf8
        var position = utf8.startIndex
        while let mark = nextMark(in: utf8, from: position) {
            position = utf8.index(after: mark)
            let rest = text[mark...]
            guard let first = rest.first, first == "#" || first == "＃",
                  !(text[..<mark].last.map(isTagCharacter) ?? false) else { continue }
            var tag = ""
            var end = rest.index(after: rest.startIndex)
            while end < rest.endIndex, isTagCharacter(rest[end]) {
                tag.append(rest[end])
                end = rest.index(after: end)
            }
            if !tag.isEmpty { tags.append(tag) }
            position = end
        }
        return tags
    }

    /// The index of the next `#` (0x23) or `＃` (EF BC 83) at or after `start`.
    private static func nextMark(in utf8: String.UTF8View, from start: String.Index) -> String.Index? {
        var i = start
        while i < utf8.endIndex {
            let byte = utf8[i]
            if byte == 0x23 { return i }
            if byte == 0xEF {
                let second = utf8.index(after: i)
                if second < utf8.endIndex, utf8[second] == 0xBC {
                    let third = utf8.index(after: second)
                    if third < utf8.endIndex, utf8[third] == 0x83 { return i }
                }
            }
            i = utf8.index(after: i)
        }
        return nil
    }

    /// The comparable form of a tag given by a user: without a leading `#`/`＃`, lowercased.
    public static func normalize(_ tag: String) -> String {
        var t = Substring(tag.trimmingSpaces)
        if t.first == "#" || t.first == "＃" { t = t.dropFirst() }
        return t.lowercased()
    }

    /// True when `text` contains the whole tag `tag` (given with or without `#`), ignoring case.
    public static func text(_ text: String, contains tag: String) -> Bool {
        let wanted = normalize(tag)
        return !wanted.isEmpty && extract(from: text).contains(wanted)
    }

    static func isTagCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c.unicodeScalars.first.map { $0.properties.generalCategory == .nonspacingMark } == true
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return s
    }
}
