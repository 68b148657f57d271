/// Something in the input that engage skipped, corrected or doubts; never dropped silently.
///
/// Every issue is listed in the workbook's DataIssues sheet and counted on Summary.
public struct DataIssue: Sendable, Equatable, Codable {
    /// How serious the issue is.
    public enum Kind: String, Sendable, Codable {
        /// A record was not used (junk row, unparseable id, …).
        case skippedRow = "skipped row"
        /// A value was odd but the record was used (negative count, date mismatch, …).
        case warning = "warning"
        /// A record was replaced by a newer export of the same post or day.
        case merged = "merged"
        /// Records of one file that fall outside an explicit period, counted in one issue per file and kind.
        case outsidePeriod = "outside period"
        /// A post's text has characters no installed font has: drawn as boxes in the PDF and charts.
        case textNotDrawn = "text not drawn"
    }

    /// What happened.
    public var kind: Kind
    /// Where.
    public var location: SourceLocation
    /// Column header involved, when one is.
    public var column: String?
    /// The post concerned, when known.
    public var postID: UInt64?
    /// Plain-words reason, e.g. `no post id ("status/undefined" link)`.
    public var reason: String

    public init(_ kind: Kind, at location: SourceLocation, column: String? = nil, postID: UInt64? = nil, reason: String) {
        self.kind = kind; self.location = location; self.column = column; self.postID = postID; self.reason = reason
    }
}
