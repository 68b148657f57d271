extension Workbook {
    /// Characters Excel refuses in sheet names.
    static let forbiddenSheetNameCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Checks `name` against Excel's sheet-name rules (uniqueness is checked by `addWorksheet`).
    ///
    /// - Throws: `XLSXError.invalidSheetName` naming the broken rule.
    public static func validateSheetName(_ name: String) throws(XLSXError) {
        if name.isEmpty {
            throw .invalidSheetName(name, reason: "it is empty")
        }
        if name.utf16.count > Grid.maxSheetNameLength {
            throw .invalidSheetName(name, reason: "it is longer than 31 characters")
        }
        if let bad = name.first(where: { forbiddenSheetNameCharacters.contains($0) }) {
            throw .invalidSheetName(name, reason: "it contains '\(bad)'; none of [ ] : * ? / \\ is allowed")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw .invalidSheetName(name, reason: "it starts or ends with an apostrophe")
        }
        if name.lowercased() == "history" {
            throw .invalidSheetName(name, reason: "Excel reserves the name 'History'")
        }
    }

    /// A name that `validateSheetName` accepts, made from any string: forbidden characters become
    /// `_`, outer apostrophes are dropped, the result is cut to 31 characters; an empty result is
    /// `"Sheet"` and `"History"` becomes `"History_"`. Does not make names unique.
    public static func sanitizedSheetName(_ raw: String) -> String {
        var name = String(raw.map { forbiddenSheetNameCharacters.contains($0) || $0.isNewline ? "_" : $0 })
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        var cut = ""
        var units = 0
        for character in name {
            let width = character.utf16.count
            if units + width > Grid.maxSheetNameLength { break }
            cut.append(character)
            units += width
        }
        while cut.hasSuffix("'") { cut.removeLast() }
        if cut.isEmpty { return "Sheet" }
        if cut.lowercased() == "history" { return cut + "_" }
        return cut
    }
}
