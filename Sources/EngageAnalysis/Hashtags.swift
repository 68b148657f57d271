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
    public static func extractSpelled(from text: String) -> [String] {
        var tags: [String] = []
        var previous: Character?
        var current: String?
        for c in text {
            if var tag = current {
                if isTagCharacter(c) { tag.append(c); current = tag; previous = c; continue }
                if !tag.isEmpty { tags.append(tag) }
                current = nil
            }
            if (c == "#" || c == "＃") && !(previous.map(isTagCharacter) ?? false) { current = "" }
            previous = c
        }
        if let tag = current, !tag.isEmpty { tags.append(tag) }
        return tags
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
