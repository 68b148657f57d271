/// File names that are safe on every file system, whatever a handle or campaign name contains.
public enum FileNaming {
    /// Replaces path separators, control characters, NUL and characters Windows forbids with `_`,
    /// strips leading dots and spaces (no hidden files, no `..`), and caps the length at 120 bytes.
    ///
    /// ```swift
    /// FileNaming.safe("../etc/pass\u{0}wd")  // "etc_pass_wd"
    /// ```
    public static func safe(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "/", "\\", ":", "*", "?", "\"", "<", ">", "|": out.append("_")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                    out.append("_")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        while let first = out.first, first == "." || first == " " || first == "_" { out.removeFirst() }
        while let last = out.last, last == "." || last == " " { out.removeLast() }
        while out.utf8.count > 120 { out.removeLast() }
        return out.isEmpty ? "engage" : out
    }
}
