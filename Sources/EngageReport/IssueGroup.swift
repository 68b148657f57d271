import EngageAnalysis
import EngageModel

/// Data issues of one file with the same kind and reason, as the PDF lists them: thirty junk
/// rows outside the period are one line with a count and their first line numbers.
struct IssueGroup: Equatable {
    let file: String
    let kind: DataIssue.Kind
    let reason: String
    /// Line numbers in file order (issues without a line are counted, not numbered).
    private(set) var lines: [Int] = []
    private(set) var count = 0

    /// Line numbers shown before "and N more".
    static let shownLines = 5

    /// The groups in the order their first issue appears.
    static func grouping(_ issues: [DataIssue]) -> [IssueGroup] {
        struct Key: Hashable { let file: String, kind: DataIssue.Kind, reason: String }
        var groups: [IssueGroup] = []
        var index: [Key: Int] = [:]
        for issue in issues {
            let key = Key(file: issue.location.file, kind: issue.kind, reason: issue.reason)
            let position = index[key] ?? {
                groups.append(IssueGroup(file: key.file, kind: key.kind, reason: key.reason))
                index[key] = groups.count - 1
                return groups.count - 1
            }()
            groups[position].count += 1
            if let line = issue.location.line { groups[position].lines.append(line) }
        }
        return groups
    }

    /// `line 67`, `30 rows: lines 3, 7, 12, 15, 20 and 25 more`, or `the file` for an issue
    /// about a file as a whole.
    var linesText: String {
        let sorted = lines.sorted()
        guard count > 1 else { return sorted.first.map { "line \($0)" } ?? "the file" }
        guard !sorted.isEmpty else { return "the file (\(NumberText.grouped(count)) times)" }
        let shown = sorted.prefix(Self.shownLines).map(String.init).joined(separator: ", ")
        let more = count - min(sorted.count, Self.shownLines)
        return "\(NumberText.grouped(count)) rows: line\(sorted.count == 1 ? "" : "s") \(shown)" + (more > 0 ? " and \(NumberText.grouped(more)) more" : "")
    }
}
