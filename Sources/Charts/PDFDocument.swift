import CCairo
import Foundation

/// A multi-page PDF file written through Cairo.
///
/// Draw on ``canvas``, call ``newPage()`` between pages and ``close()`` once at the end; the file
/// is complete only after `close()`. With the same drawing and the same ``Metadata/creationDate``
/// the bytes are identical on every run.
///
/// ```swift
/// let pdf = try PDFDocument(path: "report.pdf", pageSize: .a4,
///                           metadata: .init(title: "Weekly report", creationDate: "2026-11-24T00:00:00Z"))
/// pdf.canvas.drawText("Hello", at: CGPoint(x: 40, y: 60), style: TextStyle())
/// pdf.newPage()
/// try pdf.close()
/// ```
public final class PDFDocument {
    /// A page size in points (1/72 inch).
    public enum PageSize: Hashable, Sendable {
        /// ISO A4, 595.28 × 841.89 points.
        case a4
        /// US Letter, 612 × 792 points.
        case letter
        /// Any size in points.
        case custom(width: Double, height: Double)

        /// Width and height in points.
        public var size: CGSize {
            switch self {
            case .a4: return CGSize(width: 595.2756, height: 841.8898)
            case .letter: return CGSize(width: 612, height: 792)
            case let .custom(width, height): return CGSize(width: width, height: height)
            }
        }
    }

    /// Document information written into the PDF.
    public struct Metadata: Hashable, Sendable {
        /// Document title. Default "".
        public var title: String
        /// Author. Default "".
        public var author: String
        /// Creation and modification date as ISO 8601 ("2026-11-24T09:00:00Z"); fixing it makes
        /// output reproducible. Default nil: Cairo uses the current time.
        public var creationDate: String?
        /// Creator application. Default "engage".
        public var creator: String

        /// `date` written as Cairo wants it, in UTC: "2026-11-24T09:00:00Z". Use it to pin
        /// ``creationDate`` from `SOURCE_DATE_EPOCH` or the data.
        public static func isoDate(_ date: Date) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.string(from: date)
        }

        /// Metadata; every default is stated on its property.
        public init(title: String = "", author: String = "", creationDate: String? = nil,
                    creator: String = "engage") {
            self.title = title
            self.author = author
            self.creationDate = creationDate
            self.creator = creator
        }
    }

    private let surface: OpaquePointer
    private var closed = false
    /// Where the file is written.
    public let path: String
    /// The page size every page has.
    public let pageSize: PageSize
    /// The canvas of the current page (points, top-left origin).
    public let canvas: Canvas
    /// 1-based number of the page being drawn.
    public private(set) var pageNumber = 1

    /// Starts a PDF at `path` (replacing it) with the first page open.
    /// - Throws: ``ChartsError/cairoFailed(message:path:action:)`` if the file cannot be created.
    public init(path: String, pageSize: PageSize = .a4, metadata: Metadata = Metadata()) throws {
        let size = pageSize.size
        guard size.width.isFinite, size.height.isFinite, size.width >= 1, size.height >= 1,
              size.width <= 14_400, size.height <= 14_400 else {
            throw ChartsError.invalidSize("PDF page \(size.width) × \(size.height) points")
        }
        self.path = path
        self.pageSize = pageSize
        surface = cairo_pdf_surface_create(path, size.width, size.height)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            let message = String(cString: cairo_status_to_string(status))
            cairo_surface_destroy(surface)
            throw ChartsError.cairoFailed(message: message, path: path, action: "creating PDF")
        }
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        let pairs: [(cairo_pdf_metadata_t, String?)] = [
            (CAIRO_PDF_METADATA_TITLE, metadata.title), (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
            (CAIRO_PDF_METADATA_CREATOR, metadata.creator),
            (CAIRO_PDF_METADATA_CREATE_DATE, metadata.creationDate),
            (CAIRO_PDF_METADATA_MOD_DATE, metadata.creationDate),
        ]
        for (key, value) in pairs {
            guard let value, !value.isEmpty else { continue }
            cairo_pdf_surface_set_metadata(surface, key, Canvas.clean(value, keepingNewlines: false))
        }
        canvas = Canvas(surface: surface, size: size, scale: 1)
    }

    deinit {
        if !closed { cairo_surface_finish(surface) }
        cairo_surface_destroy(surface)
    }

    /// Ends the current page and starts a blank one.
    public func newPage() {
        guard !closed else { return }
        cairo_show_page(canvas.context)
        pageNumber += 1
    }

    /// Finishes the last page and writes the file. Safe to call twice (the second call does nothing).
    /// - Throws: ``ChartsError/cairoFailed(message:path:action:)`` naming the file if Cairo failed
    ///   while drawing or writing.
    public func close() throws {
        guard !closed else { return }
        closed = true
        if let failure = canvas.failure {
            cairo_surface_finish(surface)
            throw ChartsError.cairoFailed(message: failure, path: path, action: "drawing PDF")
        }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ChartsError.cairoFailed(message: String(cString: cairo_status_to_string(status)),
                                          path: path, action: "writing PDF")
        }
    }
}
