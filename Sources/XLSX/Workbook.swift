import CXlsxWriter
import Foundation

/// An Excel workbook being written to `path`: the one owner of libxlsxwriter's handles.
///
/// Nothing reaches the disk until `close()`, libxlsxwriter's single commit point. A workbook that
/// is dropped without `close()` frees its memory and writes nothing. After `close()` (successful or
/// not) every sheet, format and chart of the workbook throws `XLSXError.workbookClosed`.
///
/// ```swift
/// let book = try Workbook(path: "out/report.xlsx", options: WorkbookOptions(created: fixedDate))
/// let sheet = try book.addWorksheet("Posts")
/// let bold = try book.addFormat(FormatSpec(bold: true))
/// try sheet.write("Impressions", row: 0, col: 0, format: bold)
/// try sheet.write(1234.0, row: 1, col: 0)
/// try book.close()
/// ```
///
/// Not thread-safe: use a workbook and everything made from it on one task at a time.
public final class Workbook {
    /// Where `close()` writes the file.
    public let path: String
    /// The options the workbook was made with.
    public let options: WorkbookOptions
    /// What was written differently from what was asked (truncated strings, links written as
    /// text, NaN blanked), in the order it happened. Never stops the workbook.
    public private(set) var warnings: [XLSXWarning] = []

    /// libxlsxwriter's workbook; nil once closed.
    private(set) var handle: UnsafeMutablePointer<lxw_workbook>?
    /// The `tmpdir` C string, kept until libxlsxwriter is done with it.
    private var tmpdirCString: UnsafeMutablePointer<CChar>?
    private var formatHandles: [UnsafeMutablePointer<lxw_format>] = []
    private var formatIndexBySpec: [FormatSpec: Int] = [:]
    private var sheetNamesLowercased: Set<String> = []
    /// Every worksheet handle, for closing constant-memory temporary files in `deinit`.
    private var worksheetHandles: [UnsafeMutablePointer<lxw_worksheet>] = []
    /// Names of the worksheets in the order they were added.
    public private(set) var sheetNames: [String] = []

    /// Starts a workbook that `close()` will write to `path`.
    ///
    /// - Parameters:
    ///   - path: The `.xlsx` file to write; its directory must exist when `close()` runs.
    ///   - options: Memory mode, temporary directory and document properties. Default: all defaults.
    /// - Throws: `XLSXError.cannotCreate` when libxlsxwriter cannot start a workbook,
    ///   `XLSXError.writeFailed` when it refuses the document properties.
    public init(path: String, options: WorkbookOptions = WorkbookOptions()) throws(XLSXError) {
        self.path = path
        self.options = options
        var lxwOptions = lxw_workbook_options()
        lxwOptions.constant_memory = options.constantMemory ? 1 : 0
        if let tmpdir = options.tmpdir {
            tmpdirCString = strdup(tmpdir)
            lxwOptions.tmpdir = tmpdirCString
        }
        guard let handle = workbook_new_opt(path, &lxwOptions) else {
            free(tmpdirCString)
            tmpdirCString = nil
            throw .cannotCreate(path: path)
        }
        self.handle = handle
        try setProperties(handle)
    }

    deinit {
        if let handle {
            // Never closed: free everything, write nothing (libxlsxwriter opens the file only in
            // workbook_close). lxw_workbook_free leaves constant-memory row files open (1.1.4):
            // close them first; they were unlinked on creation, so nothing stays on disk.
            for sheet in worksheetHandles {
                if let file = sheet.pointee.optimize_tmpfile {
                    fclose(file)
                    sheet.pointee.optimize_tmpfile = nil
                }
            }
            lxw_workbook_free(handle)
        }
        free(tmpdirCString)
    }

    /// Whether `close()` has run.
    public var isClosed: Bool { handle == nil }

    /// Writes the file and frees every handle: the single commit point.
    ///
    /// Call it once. Whether it succeeds or throws, the workbook is closed afterwards; on failure
    /// a partial file may be left at `path` (write into a staging directory and move it).
    /// - Throws: `XLSXError.writeFailed` with libxlsxwriter's reason (e.g. the directory does not
    ///   exist), `XLSXError.workbookClosed` when called twice.
    public func close() throws(XLSXError) {
        guard let handle else { throw .workbookClosed }
        self.handle = nil
        formatHandles.removeAll()
        worksheetHandles.removeAll()
        let status = workbook_close(handle)
        free(tmpdirCString)
        tmpdirCString = nil
        try check(status, "writing workbook '\(path)'")
    }

    /// Adds a worksheet named `name`.
    ///
    /// - Throws: `XLSXError.invalidSheetName` when the name is empty, longer than 31 characters,
    ///   contains any of `[ ] : * ? / \`, starts or ends with an apostrophe, is "History", or is
    ///   already used (names compare case-insensitively). `Workbook.sanitizedSheetName(_:)` makes
    ///   any string acceptable.
    public func addWorksheet(_ name: String) throws(XLSXError) -> Worksheet {
        let handle = try openHandle()
        try Workbook.validateSheetName(name)
        guard !sheetNamesLowercased.contains(name.lowercased()) else {
            throw .invalidSheetName(name, reason: "a sheet with this name already exists")
        }
        try check(workbook_validate_sheet_name(handle, name), "adding sheet '\(name)'")
        guard let sheet = workbook_add_worksheet(handle, name) else {
            // In constant-memory mode the likely cause is the sheet's temporary row file.
            let reason = options.constantMemory
                ? "cannot create a temporary file in '\(options.tmpdir ?? NSTemporaryDirectory())'"
                : "libxlsxwriter returned no worksheet"
            throw .writeFailed(code: -1, message: reason, while: "adding sheet '\(name)'")
        }
        worksheetHandles.append(sheet)
        sheetNamesLowercased.insert(name.lowercased())
        sheetNames.append(name)
        return Worksheet(workbook: self, handle: sheet, name: name, index: sheetNames.count - 1)
    }

    /// Returns the format for `spec`, creating it the first time; equal specs share one format.
    ///
    /// - Throws: `XLSXError.invalidArgument` for a rotation outside -90...90 (or 270), a font size
    ///   not above 0 or an indent outside 0...15; `XLSXError.workbookClosed`.
    public func addFormat(_ spec: FormatSpec) throws(XLSXError) -> Format {
        let handle = try openHandle()
        if let index = formatIndexBySpec[spec] {
            return Format(spec: spec, index: index, workbook: self)
        }
        try FormatSpec.validate(spec)
        guard let format = workbook_add_format(handle) else {
            throw .writeFailed(code: -1, message: "libxlsxwriter returned no format", while: "adding a format")
        }
        spec.apply(to: format)
        formatHandles.append(format)
        let index = formatHandles.count - 1
        formatIndexBySpec[spec] = index
        return Format(spec: spec, index: index, workbook: self)
    }

    /// Adds a chart of `kind`; fill it with series, then place it with `Worksheet.insertChart`.
    public func addChart(_ kind: Chart.Kind) throws(XLSXError) -> Chart {
        let handle = try openHandle()
        guard let chart = workbook_add_chart(handle, kind.lxwType) else {
            throw .writeFailed(code: -1, message: "libxlsxwriter returned no chart", while: "adding a \(kind) chart")
        }
        return Chart(workbook: self, handle: chart, kind: kind)
    }

    /// Whether a worksheet called `name` exists (case-insensitive, as Excel compares).
    public func hasSheet(named name: String) -> Bool {
        sheetNamesLowercased.contains(name.lowercased())
    }

    // MARK: internals shared with Worksheet and Chart

    func openHandle() throws(XLSXError) -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw .workbookClosed }
        return handle
    }

    func formatHandle(_ format: Format?) throws(XLSXError) -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        guard format.workbook === self else { throw .foreignObject("format") }
        _ = try openHandle()
        return formatHandles[format.index]
    }

    func warn(_ warning: XLSXWarning) {
        warnings.append(warning)
    }

    private func setProperties(_ handle: UnsafeMutablePointer<lxw_workbook>) throws(XLSXError) {
        guard options.created != nil || options.title != nil || options.author != nil
            || options.comments != nil else { return }
        var properties = lxw_doc_properties()
        let title = options.title.map { strdup($0) }
        let author = options.author.map { strdup($0) }
        let comments = options.comments.map { strdup($0) }
        defer {
            free(title ?? nil)
            free(author ?? nil)
            free(comments ?? nil)
        }
        properties.title = title ?? nil
        properties.author = author ?? nil
        properties.comments = comments ?? nil
        if let created = options.created {
            properties.created = time_t(created.timeIntervalSince1970.rounded(.down))
        }
        try check(workbook_set_properties(handle, &properties), "setting document properties")
    }
}

/// Turns a libxlsxwriter status into `XLSXError.writeFailed`, keeping its own text.
func check(_ status: lxw_error, _ context: @autoclosure () -> String) throws(XLSXError) {
    guard status != LXW_NO_ERROR else { return }
    throw .writeFailed(code: Int(status.rawValue), message: String(cString: lxw_strerror(status)),
                       while: context())
}
