import EngageModel
import Foundation

/// Turns the records of one CSV export into posts or daily rows, and every odd value into a
/// ``DataIssue``.
///
/// Policy, row by row:
/// - a blank line is not a record; a row of empty fields is skipped and reported;
/// - a row with fewer fields than the header, or more non-empty ones, is skipped;
/// - a missing or unreadable post id (junk rows such as `,,,…/status/undefined,0,0`) skips
///   the row; so does an unreadable date in a daily export;
/// - an unreadable, negative or fractional count is a warning and that count is left empty
///   for the row; `-` and empty cells are simply absent;
/// - the posting time comes from the `time` column where the variant has one, otherwise (or
///   when it cannot be read, with a warning) from the Snowflake id; a `Date` column more than
///   one day away from the id's UTC day is a warning.
struct RowDecoder {
    let path: String
    let mapping: HeaderMapping
    let decimalComma: Bool

    private(set) var posts: [Post] = []
    private(set) var daily: [DailyRow] = []
    private(set) var issues: [DataIssue] = []
    private(set) var skipped = 0
    private(set) var handle: String?
    /// The source the posts share: the file's text bytes (when given) and the last link stem read.
    private var source: PostSource
    /// The scanner's bytes as ``PostSource`` reads texts from them; nil to copy each text.
    private let textBytes: PostSource.TextBytes?
    /// ``source``'s link stem as bytes, to compare the next link with.
    private var stemBytes: [UInt8]?

    private let columnCount: Int
    private let idColumn: Int?
    private let textColumn: Int?
    private let linkColumn: Int?
    private let timeColumn: Int?
    private let dateColumn: Int?
    private let rateColumn: Int?
    private let counts: [CountColumn]

    /// Creates a decoder; `includeHeaderNotes` puts the header's notes first in ``issues``
    /// (false for the decoders of later chunks of the same file). Posts read their text from
    /// `textBytes` (the scanner's bytes) when given, instead of each holding a copy.
    init(path: String, mapping: HeaderMapping, decimalComma: Bool, includeHeaderNotes: Bool = true,
         textBytes: PostSource.TextBytes? = nil) {
        self.path = path
        self.textBytes = textBytes
        source = textBytes.map { PostSource(file: path, bytes: $0, linkStem: nil) }
            ?? PostSource(file: path, text: "", link: nil)
        self.mapping = mapping
        self.decimalComma = decimalComma
        columnCount = mapping.roles.count
        func column(_ role: ColumnRole) -> Int? { mapping.roles.firstIndex(of: role) }
        idColumn = column(.postID)
        textColumn = column(.text)
        linkColumn = column(.permalink)
        timeColumn = column(.postedTime)
        dateColumn = column(.date)
        rateColumn = column(.engagementRate)
        var counts: [CountColumn] = []
        for (i, role) in mapping.roles.enumerated() {
            switch role {
            case .metric(let m): counts.append(CountColumn(column: i, metric: m, promoted: false))
            case .promoted(let m): counts.append(CountColumn(column: i, metric: m, promoted: true))
            default: break
            }
        }
        self.counts = counts
        if includeHeaderNotes {
            issues = mapping.notes.map { DataIssue(.warning, at: SourceLocation(file: path, line: 1), reason: $0) }
        }
    }

    /// Makes room for about `count` more records, so that large files do not regrow the arrays.
    mutating func reserve(_ count: Int) {
        if mapping.layout.variant.isDaily {
            daily.reserveCapacity(daily.count + count)
        } else {
            posts.reserveCapacity(posts.count + count)
        }
    }

    /// Appends the results of `other`, which decoded the records right after this one's.
    mutating func absorb(_ other: RowDecoder) {
        posts.append(contentsOf: other.posts)
        daily.append(contentsOf: other.daily)
        issues.append(contentsOf: other.issues)
        skipped += other.skipped
        if handle == nil { handle = other.handle }
    }

    /// Records accepted so far (posts or days).
    var accepted: Int { mapping.layout.variant.isDaily ? daily.count : posts.count }

    /// Decodes the scanner's current record.
    mutating func decode(_ scanner: borrowing CSVScanner) {
        let fields = scanner.fields
        let line = scanner.recordLine
        if fields.count == 1 && fields[0].count == 0 && columnCount > 1 { return }
        if fields.count != columnCount {
            let extrasEmpty = fields.count > columnCount && fields[columnCount...].allSatisfy { $0.count == 0 }
            if !extrasEmpty {
                skip(line, reason: fields.allSatisfy { $0.count == 0 } ? "empty row"
                     : "row has \(fields.count) fields; the header has \(columnCount)")
                return
            }
        }
        if mapping.layout.variant.isDaily {
            decodeDay(scanner, fields: fields, line: line)
        } else {
            decodePost(scanner, fields: fields, line: line)
        }
    }

    // MARK: - Per-post rows

    private mutating func decodePost(_ scanner: borrowing CSVScanner, fields: [CSVField], line: Int) {
        guard let idColumn else { return }
        let idField = fields[idColumn]
        guard let id = NumberParser.postID(scanner.slice(idField)) else {
            let reason = noIDReason(scanner, fields: fields, idField: idField)
            skip(line, reason: reason, column: reason == "empty row" ? nil : idColumn)
            return
        }
        let link = linkColumn.flatMap { postLink(scanner, field: fields[$0], idField: idField, id: id) }
        let snowflake = Snowflake.date(of: id)
        var postedAt = snowflake
        var timeSource = Post.TimeSource.snowflake
        if let timeColumn {
            let field = fields[timeColumn]
            if let seconds = DateParser.timestamp(scanner.slice(field)) {
                postedAt = Date(timeIntervalSince1970: Double(seconds))
                timeSource = .timeColumn
                if let snowflake, abs(snowflake.timeIntervalSince1970 - Double(seconds)) > 86_400 {
                    warn(line, column: timeColumn, id: id,
                         reason: "time \(quoted(scanner, field)) is more than a day away from the post id's time "
                             + "(\(Self.utcText(snowflake)))")
                }
            } else if snowflake != nil {
                warn(line, column: timeColumn, id: id,
                     reason: "time not readable (\(quoted(scanner, field))); taken from the post id")
            }
        }
        guard let postedAt else {
            skip(line, reason: "post id \(id) carries no time (older than November 2010) and the row has no readable time",
                 column: idColumn, id: id)
            return
        }
        if let dateColumn, timeSource == .snowflake {
            checkDate(scanner, field: fields[dateColumn], column: dateColumn, line: line, id: id, postedAt: postedAt)
        }
        let (metrics, promoted) = readCounts(scanner, fields: fields, line: line, id: id)
        if let engagements = metrics[.engagements], let impressions = metrics[.impressions], engagements > impressions,
           let column = counts.first(where: { $0.metric == .engagements && !$0.promoted })?.column {
            warn(line, column: column, id: id, reason: "\(engagements) engagements but only \(impressions) impressions (a rate above 100%); kept as exported, check the export")
        }
        // The export's own rate is not kept (engage recomputes it from the counts), but an unreadable one is reported.
        if let rateColumn {
            let field = fields[rateColumn]
            let bytes = scanner.slice(field)
            if NumberParser.double(bytes, decimalComma: decimalComma) == nil && !NumberParser.isAbsent(bytes)
                && !Self.isJavaNonFinite(bytes) {
                warn(line, column: rateColumn, id: id, reason: "engagement rate not a number (\(quoted(scanner, field)))")
            }
        }
        if handle == nil, let link { handle = ExportFileName.handle(fromPermalink: link.url(id: id)) }
        let textField = textColumn.map { fields[$0] }
        // Rows whose link is not the shared stem and id, or whose text is too long for a span, keep their own.
        if textBytes != nil, link.map({ $0.endsWithID && $0.stem == source.link?.stem }) ?? true,
           let span = textField.map({ PostSource.TextSpan(offset: $0.start, length: $0.count, doubledQuotes: $0.hasDoubledQuotes) })
               ?? PostSource.TextSpan.none {
            posts.append(Post(id: id, postedAt: postedAt, timeSource: timeSource, metrics: metrics,
                              source: promoted.isEmpty ? source : source.promoting(promoted),
                              textSpan: span, line: line, sharedLink: link != nil))
        } else {
            posts.append(Post(id: id, text: textField.map { scanner.text($0) } ?? "", permalink: link?.url(id: id),
                              postedAt: postedAt, timeSource: timeSource, metrics: metrics,
                              promoted: promoted.isEmpty ? nil : promoted, origin: SourceLocation(file: path, line: line)))
        }
    }

    /// The post's link, as ``PostLink`` stores it. When the link ends with the id column's digits,
    /// the part before them is ``source``'s stem whenever the bytes match, so that no string is
    /// made per post; a new stem becomes the source's for the posts that follow.
    private mutating func postLink(_ scanner: borrowing CSVScanner, field: CSVField, idField: CSVField, id: UInt64) -> PostLink? {
        guard field.count > 0 else { return nil }
        let bytes = scanner.slice(field), digits = scanner.slice(idField)
        guard !field.hasDoubledQuotes, digits.count > 0, bytes.count > digits.count, digits[0] != UInt8(ascii: "0"),
              memcmp(bytes.baseAddress! + (bytes.count - digits.count), digits.baseAddress!, digits.count) == 0
        else { return PostLink(scanner.string(field), id: id) }
        // The id parsed from exactly these digits, so they are its decimal form and the split is PostLink's.
        let stemBytes = UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - digits.count)])
        if let shared = self.stemBytes, let link = source.link, shared.count == stemBytes.count,
           shared.withUnsafeBufferPointer({ memcmp($0.baseAddress!, stemBytes.baseAddress!, stemBytes.count) == 0 }) {
            return link
        }
        let stem = String(decoding: stemBytes, as: UTF8.self)
        self.stemBytes = Array(stemBytes)
        if let textBytes { source = PostSource(file: path, bytes: textBytes, linkStem: stem) }
        return PostLink(stem: stem, endsWithID: true)
    }

    private func noIDReason(_ scanner: borrowing CSVScanner, fields: [CSVField], idField: CSVField) -> String {
        if idField.count > 0 {
            let text = scanner.string(idField)
            if text.contains("E") || text.contains("e") || text.contains(".") {
                return "post id is not a whole number (\(quoted(scanner, idField))); a spreadsheet may have "
                    + "rounded it, so the row cannot be matched to a post"
            }
            return "post id is not a number (\(quoted(scanner, idField)))"
        }
        if let linkColumn, scanner.string(fields[linkColumn]).hasSuffix("status/undefined") {
            return "no post id (\"status/undefined\" link)"
        }
        return fields.allSatisfy { $0.count == 0 } ? "empty row" : "no post id"
    }

    private mutating func checkDate(_ scanner: borrowing CSVScanner, field: CSVField, column: Int, line: Int,
                                    id: UInt64, postedAt: Date) {
        guard field.count > 0 else { return }
        guard let (day, weekday) = DateParser.day(scanner.slice(field)) else {
            warn(line, column: column, id: id, reason: "date not readable (\(quoted(scanner, field))); "
                 + "the posting time comes from the post id")
            return
        }
        if let weekday, weekday != day.isoWeekday {
            warn(line, column: column, id: id, reason: "date \(quoted(scanner, field)) names the wrong weekday for \(day)")
        }
        let idDay = CalendarDay(utc: postedAt)
        if abs(idDay.daysSinceEpoch - day.daysSinceEpoch) > 1 {
            warn(line, column: column, id: id,
                 reason: "date \(quoted(scanner, field)) disagrees with the post id, which says it was posted "
                     + "\(Self.utcText(postedAt)); the id's time is used")
        }
    }

    // MARK: - Daily rows

    private mutating func decodeDay(_ scanner: borrowing CSVScanner, fields: [CSVField], line: Int) {
        guard let dateColumn else { return }
        let field = fields[dateColumn]
        guard let (day, weekday) = DateParser.day(scanner.slice(field)) else {
            if fields.allSatisfy({ $0.count == 0 }) {
                skip(line, reason: "empty row")
            } else {
                skip(line, reason: field.count == 0 ? "no date" : "date not readable (\(quoted(scanner, field)))",
                     column: dateColumn)
            }
            return
        }
        if let weekday, weekday != day.isoWeekday {
            warn(line, column: dateColumn, id: nil, reason: "date \(quoted(scanner, field)) names the wrong weekday for \(day)")
        }
        let (metrics, promoted) = readCounts(scanner, fields: fields, line: line, id: nil)
        daily.append(DailyRow(day: day, metrics: metrics, promoted: promoted.isEmpty ? nil : promoted,
                              origin: SourceLocation(file: path, line: line)))
    }

    // MARK: - Counts

    /// The row's counts and promoted counts; an unreadable count is left empty with a warning.
    private mutating func readCounts(_ scanner: borrowing CSVScanner, fields: [CSVField], line: Int,
                                     id: UInt64?) -> (metrics: MetricValues, promoted: MetricValues) {
        var metrics = MetricValues.Collector(), promoted = MetricValues.Collector()
        for count in counts {
            let column = count.column
            let field = fields[column]
            let problem: String
            switch NumberParser.count(scanner.slice(field), decimalComma: decimalComma) {
            case .value(let v):
                if count.promoted { promoted.set(count.metric, v) } else { metrics.set(count.metric, v) }
                continue
            case .absent: continue
            case .notANumber: problem = "not a number"
            case .negative: problem = "negative count"
            case .fractional: problem = "not a whole number"
            case .tooLarge: problem = "number too large"
            }
            warn(line, column: column, id: id, reason: "\(problem) (\(quoted(scanner, field))); left empty")
        }
        return (MetricValues(metrics), MetricValues(promoted))
    }

    // MARK: - Issues

    private mutating func skip(_ line: Int, reason: String, column: Int? = nil, id: UInt64? = nil) {
        skipped += 1
        issues.append(DataIssue(.skippedRow, at: SourceLocation(file: path, line: line),
                                column: column.map { mapping.names[$0] }, postID: id, reason: reason))
    }

    private mutating func warn(_ line: Int, column: Int, id: UInt64?, reason: String) {
        issues.append(DataIssue(.warning, at: SourceLocation(file: path, line: line),
                                column: mapping.names[column], postID: id, reason: reason))
    }

    /// The field's text in double quotes, cut at 40 characters.
    private func quoted(_ scanner: borrowing CSVScanner, _ field: CSVField) -> String {
        let text = scanner.string(field)
        return "\"" + (text.count > 40 ? String(text.prefix(40)) + "…" : text) + "\""
    }

    private static func isJavaNonFinite(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces
        return text == "NaN" || text == "Infinity" || text == "-Infinity"
    }

    /// `2025-02-03 14:07 UTC`.
    static func utcText(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let h = rest / 3600, m = rest % 3600 / 60
        return "\(CalendarDay(daysSinceEpoch: days)) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m) UTC"
    }

    /// A count column: where it is and what it holds.
    private struct CountColumn {
        var column: Int
        var metric: Metric
        var promoted: Bool
    }
}
