/// A header line matched to an export variant: the role of every column, and what was odd.
struct HeaderMapping: Sendable {
    /// The layout detected.
    let layout: ExportLayout
    /// Column names as written in the file (surrounding spaces removed).
    let names: [String]
    /// What each column holds, by position.
    let roles: [ColumnRole]
    /// Plain-words notes for the data-issue list: missing expected columns, unknown columns,
    /// columns recognised only by position, repeated columns.
    let notes: [String]

    /// Why a header matched no variant.
    struct NoMatch: Error, Sendable {
        /// The variant sharing the most column names, or `nil` when none shares any.
        var closest: ExportVariant?
        /// Columns `closest` has and the header lacks (as X writes them).
        var missing: [String]
    }

    /// Matches `header` (column names as written) against every known layout.
    ///
    /// The variant is the layout whose required columns are all present, that knows at least
    /// two thirds of the header's columns (a daily layout never accepts a header naming a post
    /// id, text or link column), and that shares the most column names with the header (names compared without case, surrounding
    /// spaces or a trailing backslash). Columns of the header that the layout does not know
    /// are ignored with a note; expected columns the header lacks are noted too.
    static func match(header: [String]) -> Result<HeaderMapping, NoMatch> {
        let names = header.map { $0.trimmingSpaces }
        let keys = names.map(normalized)
        var best: (layout: ExportLayout, matched: Int, missing: Int)?
        var closest: (layout: ExportLayout, matched: Int)?
        let postColumns = Set(ExportLayout.all.flatMap { layout in
            layout.columns.filter { [.postID, .text, .permalink].contains($0.role) }.flatMap { $0.names.map(normalized) }
        })
        let namesPost = keys.contains(where: postColumns.contains)
        let nonEmpty = keys.filter { !$0.isEmpty }.count
        for layout in ExportLayout.all {
            let lookup = lookupTable(layout)
            let matchedRoles = Set(keys.compactMap { lookup[$0] })
            let matched = keys.filter { lookup[$0] != nil }.count
            let missing = layout.columns.count - matchedRoles.count
            if closest == nil || matched > closest!.matched { closest = (layout, matched) }
            // Required columns present, most columns known, and no per-post column read as daily.
            guard layout.required.allSatisfy(matchedRoles.contains), matched * 3 >= nonEmpty * 2,
                  !(layout.variant.isDaily && namesPost) else { continue }
            if best == nil || matched > best!.matched || (matched == best!.matched && missing < best!.missing) {
                best = (layout, matched, missing)
            }
        }
        guard let layout = best?.layout else {
            guard let near = closest, near.matched > 0 else { return .failure(NoMatch(closest: nil, missing: [])) }
            let present = Set(keys)
            let missing = near.layout.columns
                .filter { column in !column.names.contains { present.contains(normalized($0)) } }
                .map { $0.names[0] }
            return .failure(NoMatch(closest: near.layout.variant, missing: missing))
        }
        return .success(assign(layout, names: names, keys: keys))
    }

    /// Assigns a role to every header column once the layout is chosen.
    private static func assign(_ layout: ExportLayout, names: [String], keys: [String]) -> HeaderMapping {
        let lookup = lookupTable(layout)
        var roles = [ColumnRole](repeating: .ignored, count: names.count)
        var seen = Set<ColumnRole>()
        var notes: [String] = []
        var unknown: [Int] = []
        for (i, key) in keys.enumerated() {
            guard let role = lookup[key] else { unknown.append(i); continue }
            if seen.contains(role) {
                notes.append("column \"\(names[i])\" appears more than once; the first one is used")
                continue
            }
            seen.insert(role)
            roles[i] = role
        }
        if layout.mapsUnknownNamesByPosition && names.count == layout.columns.count {
            var byPosition: [String] = []
            unknown.removeAll { i in
                let role = layout.columns[i].role
                guard !seen.contains(role) else { return false }
                seen.insert(role)
                roles[i] = role
                byPosition.append("\"\(names[i])\" as \(layout.columns[i].names[0])")
                return true
            }
            if !byPosition.isEmpty {
                notes.append("columns recognised by their position: " + byPosition.joined(separator: ", "))
            }
        }
        for i in unknown where !names[i].isEmpty {
            notes.append("column \"\(names[i])\" is not known for a \(layout.variant.displayName); ignored")
        }
        let missing = layout.columns.filter { !seen.contains($0.role) }.map { "\"\($0.names[0])\"" }
        if !missing.isEmpty {
            notes.append("expected columns missing (their counts are left empty): " + missing.joined(separator: ", "))
        }
        return HeaderMapping(layout: layout, names: names, roles: roles, notes: notes)
    }

    private static func lookupTable(_ layout: ExportLayout) -> [String: ColumnRole] {
        var table: [String: ColumnRole] = [:]
        for column in layout.columns {
            for name in column.names { table[normalized(name)] = column.role }
        }
        return table
    }

    /// A header name reduced for comparison: trimmed, lowercased, runs of spaces as one,
    /// a trailing backslash dropped (X writes `共有された回数\`).
    static func normalized(_ name: String) -> String {
        var text = name.trimmingSpaces.lowercased()
        while text.hasSuffix("\\") { text.removeLast() }
        return text.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).joined(separator: " ")
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and byte order marks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" || $0 == "\u{00A0}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
