import Foundation

/// How a workbook is written: memory mode, temporary files and document properties.
///
/// Every property defaults to libxlsxwriter's own default; a default `WorkbookOptions()` keeps all
/// cells in memory, uses the system temporary directory and stamps the current time.
public struct WorkbookOptions: Hashable, Sendable {
    /// Flush each row to a temporary file as soon as a later row is started. Default `false`.
    ///
    /// Memory then stays flat however many rows are written, but in every sheet rows must be
    /// written in ascending order (`XLSXError.rowOutOfOrder` otherwise), strings are stored inline
    /// rather than shared, and charts carry no cached values (Excel and LibreOffice recompute them).
    public var constantMemory: Bool
    /// Directory for libxlsxwriter's temporary files. Default `nil`: the system's. When it cannot
    /// be used libxlsxwriter falls back to `TMPDIR` and `/tmp` without saying so.
    public var tmpdir: String?
    /// The document's creation time. Default `nil`: now. Set it (e.g. from `SOURCE_DATE_EPOCH`)
    /// and the same content gives byte-identical files, charts included; whole seconds are used.
    /// libxlsxwriter treats exactly 1970-01-01T00:00:00Z as unset (now).
    public var created: Date?
    /// Document title property. Default `nil`: none.
    public var title: String?
    /// Document author property. Default `nil`: none.
    public var author: String?
    /// Document comments property. Default `nil`: none.
    public var comments: String?

    /// Options with every default stated on the properties above.
    public init(constantMemory: Bool = false, tmpdir: String? = nil, created: Date? = nil,
                title: String? = nil, author: String? = nil, comments: String? = nil) {
        self.constantMemory = constantMemory
        self.tmpdir = tmpdir
        self.created = created
        self.title = title
        self.author = author
        self.comments = comments
    }
}
