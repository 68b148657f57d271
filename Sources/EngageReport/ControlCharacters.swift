/// Control characters from data (post text, names) kept away from terminals and e-mail bodies,
/// where ESC, BEL or CR would move the cursor, ring, rewrite a line or start an escape sequence.
public enum ControlCharacters {
    /// `text` without C0 controls other than tab and line feed, without DEL and without C1 controls.
    public static func stripped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isStripped) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.lazy.filter { !isStripped($0) })
        return String(out)
    }

    /// `value` with ``stripped(_:)`` applied to every string inside (dictionaries and arrays).
    static func strippedDeeply(_ value: Any) -> Any {
        switch value {
        case let text as String: stripped(text)
        case let list as [Any]: list.map(strippedDeeply)
        case let map as [String: Any]: map.mapValues(strippedDeeply)
        default: value
        }
    }

    private static func isStripped(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v)
    }
}
