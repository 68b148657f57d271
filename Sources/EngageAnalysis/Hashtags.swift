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
    /// Works on the UTF-8 bytes. A tag whose surroundings are all ASCII is read byte by byte;
    /// anywhere else the rule is applied character by character, because a combining mark or a
    /// joiner can merge neighbours into one character (`#` followed by U+20E3 is not a `#`).
    public static func extractSpelled(from text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var tags: [String] = []
            var position = 0
            while let mark = nextMark(in: bytes, from: position) {
                if let (tag, end) = asciiTag(at: mark, in: bytes) {
                    if let tag { tags.append(tag) }
                    position = end
                } else {
                    let (tag, end) = characterTag(at: mark, in: bytes)
                    if let tag { tags.append(tag) }
                    position = max(end, mark + 1)
                }
            }
            return tags
        }
    }

    /// The index of the next `#` (0x23) or the first byte of `＃` (EF BC 83) at or after `start`.
    private static func nextMark(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x23 { return i }
            if byte == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBC, bytes[i + 2] == 0x83 { return i }
            i += 1
        }
        return nil
    }

    /// The tag at the `#` at `mark` (nil when it is not one) and where scanning goes on, when the
    /// `#`, the two bytes before it, the tag and the byte after it are ASCII; nil otherwise.
    private static func asciiTag(at mark: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (String?, Int)? {
        guard bytes[mark] == 0x23 else { return nil }
        for before in max(0, mark - 2)..<mark where bytes[before] >= 0x80 { return nil }
        if mark > 0, isASCIITagByte(bytes[mark - 1]) { return (nil, mark + 1) }
        var end = mark + 1
        while end < bytes.count, isASCIITagByte(bytes[end]) { end += 1 }
        if end < bytes.count, bytes[end] >= 0x80 { return nil }
        let tag = end > mark + 1 ? String(decoding: bytes[(mark + 1)..<end], as: UTF8.self) : nil
        return (tag, end)
    }

    private static func isASCIITagByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    /// The rule character by character, for the mark at byte `mark`: a tag starts at `#` or `＃`
    /// not preceded by a tag character and runs over tag characters. Returns the tag (nil when
    /// none) and the byte offset where scanning goes on.
    private static func characterTag(at mark: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (String?, Int) {
        // Decoded from the start, so that character boundaries are the text's own (posts are short).
        let text = String(decoding: bytes, as: UTF8.self)
        let utf8 = text.utf8
        let markIndex = utf8.index(utf8.startIndex, offsetBy: mark)
        let rest = text[markIndex...]
        guard let first = rest.first, first == "#" || first == "＃",
              !(text[..<markIndex].last.map(isTagCharacter) ?? false) else { return (nil, mark + 1) }
        var tag = ""
        var end = rest.index(after: rest.startIndex)
        while end < rest.endIndex, isTagCharacter(rest[end]) {
            tag.append(rest[end])
            end = rest.index(after: end)
        }
        return (tag.isEmpty ? nil : tag, utf8.distance(from: utf8.startIndex, to: end))
    }

    static func isTagCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c.unicodeScalars.first.map { $0.properties.generalCategory == .nonspacingMark } == true
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
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return s
    }
}
