import Foundation

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

    /// The index of the next `#` (0x23) or the first byte of `＃` (EF BC 83) at or after `start`,
    /// found with `memchr` (vectorised by the C library).
    private static func nextMark(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count else { return nil }
        func find(_ byte: UInt8, from: Int, to: Int) -> Int? {
            guard from < to, let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        let hash = find(0x23, from: start, to: bytes.count)
        var i = start
        while let lead = find(0xEF, from: i, to: hash ?? bytes.count) {
            if lead + 2 < bytes.count, bytes[lead + 1] == 0xBC, bytes[lead + 2] == 0x83 { return lead }
            i = lead + 1
        }
        return hash
    }

    /// The tag at the `#` at `mark` (nil when it is not one) and where scanning goes on, when the
    /// `#`, the character before it, the tag and the byte after it are ASCII; nil otherwise.
    private static func asciiTag(at mark: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (String?, Int)? {
        guard bytes[mark] == 0x23 else { return nil }
        if mark > 0 {
            guard bytes[mark - 1] < 0x80, standsAlone(asciiAt: mark - 1, in: bytes) else { return nil }
            if isASCIITagByte(bytes[mark - 1]) { return (nil, mark + 1) }
        }
        var end = mark + 1
        while end < bytes.count, isASCIITagByte(bytes[end]) { end += 1 }
        if end < bytes.count, bytes[end] >= 0x80 { return nil }
        let tag = end > mark + 1 ? String(decoding: bytes[(mark + 1)..<end], as: UTF8.self) : nil
        return (tag, end)
    }

    /// True when the ASCII byte at `i` is a character of its own: not joined to what precedes it
    /// (only a "prepend" character such as U+0600 can do that, and it is never ASCII).
    private static func standsAlone(asciiAt i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard i > 0, bytes[i - 1] >= 0x80 else { return true }
        var start = i - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start...i]), as: UTF8.self).count == 2
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
        // Walk characters up to the mark: it must start one (a prepend character such as U+0600
        // joins the `#` to it), and that character must be `#` itself (not `#` plus a combining mark).
        var start = text.startIndex
        var previous: Character?
        while start < markIndex {
            previous = text[start]
            start = text.index(after: start)
        }
        guard start == markIndex, text[markIndex] == "#" || text[markIndex] == "＃",
              !(previous.map(isTagCharacter) ?? false) else { return (nil, mark + 1) }
        let rest = text[markIndex...]
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
