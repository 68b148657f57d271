/// Why an input could not be read at all.
///
/// Two families matter to the command line: an input that is missing or unreadable
/// (``isInputMissing``, exit 66) and an input whose content cannot be used — unknown header,
/// undecodable bytes, broken quoting, nothing parseable (exit 65). Problems with single rows
/// are never errors: they become ``DataIssue``s and the rest of the file is used.
///
/// Every message names the file, and the line, column or byte offset where one applies:
///
/// ```
/// samples/broken_export.csv line 3, column "Tweet text": unexpected "2" after a closing quote
/// ```
public enum IngestError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No file at `path`.
    case inputMissing(path: String)
    /// The file exists but cannot be read: permissions, a folder, an I/O error.
    case inputUnreadable(path: String, reason: String)
    /// Bytes that are not valid text in the detected encoding, at a line and byte offset of the file.
    case undecodable(path: String, line: Int, byteOffset: Int, encoding: String, detail: String)
    /// The header matches no known export variant.
    ///
    /// - `columns`: the column names found, in file order.
    /// - `closest`: the variant sharing the most column names, if any is close at all.
    /// - `missing`: the columns that variant expects and the file lacks.
    case unknownHeader(path: String, columns: [String], closest: ExportVariant?, missing: [String])
    /// The CSV structure itself is broken (a stray quote, a quoted field never closed),
    /// so no later row can be trusted to line up with the header.
    case malformedCSV(path: String, line: Int, column: String, reason: String)
    /// The file was read but holds nothing engage can use (empty, or every row skipped).
    case nothingParseable(path: String, reason: String)
    /// A kind of input engage recognises but cannot read yet (e.g. a saved API response).
    case unsupportedInput(path: String, reason: String)
    /// No input path was given.
    case noInputs

    /// True when the input is missing or unreadable (command-line exit 66); false for
    /// data errors (exit 65) and for ``noInputs`` (a usage error).
    public var isInputMissing: Bool {
        switch self {
        case .inputMissing, .inputUnreadable: true
        default: false
        }
    }

    /// The sysexits code the command line should exit with: 66 for a missing or unreadable
    /// input, 64 when no input was given, 65 for every data error.
    public var exitCode: Int32 {
        switch self {
        case .inputMissing, .inputUnreadable: 66
        case .noInputs: 64
        default: 65
        }
    }

    /// The file concerned, when there is one.
    public var path: String? {
        switch self {
        case .inputMissing(let p), .inputUnreadable(let p, _), .undecodable(let p, _, _, _, _),
             .unknownHeader(let p, _, _, _), .malformedCSV(let p, _, _, _),
             .nothingParseable(let p, _), .unsupportedInput(let p, _):
            p
        case .noInputs:
            nil
        }
    }

    /// One or more lines of plain text naming the file and the place of the problem.
    public var description: String {
        switch self {
        case .inputMissing(let path):
            return "\(path): no such file"
        case .inputUnreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))"
        case .undecodable(let path, let line, let offset, let encoding, let detail):
            return "\(path) line \(line) (byte offset \(offset)): not valid \(encoding) (\(detail)); "
                + "save the file as UTF-8 or UTF-16 and try again"
        case .unknownHeader(let path, let columns, let closest, let missing):
            // At most 40 columns of 80 characters each: a header of thousands of columns stays readable.
            let shown = columns.prefix(40).map { $0.count > 80 ? "\"\($0.prefix(80))…\"" : "\"\($0)\"" }
            let more = columns.count > 40 ? " and \(columns.count - 40) more" : ""
            var text = "\(path) line 1: header not recognised as an X analytics export; columns found: "
                + (columns.isEmpty ? "none" : shown.joined(separator: ", ") + more)
            if let closest {
                text += ". Closest known variant: \(closest.displayName)"
                if !missing.isEmpty {
                    text += ", which also has " + missing.map { "\"\($0)\"" }.joined(separator: ", ")
                }
            }
            return text
        case .malformedCSV(let path, let line, let column, let reason):
            return "\(path) line \(line), column \(column): \(reason)"
        case .nothingParseable(let path, let reason):
            return "\(path): nothing usable (\(reason))"
        case .unsupportedInput(let path, let reason):
            return "\(path): \(reason)"
        case .noInputs:
            return "no input files given"
        }
    }
}
