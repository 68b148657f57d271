import EngageModel

/// Dates and times as X's exports write them, parsed from bytes.
///
/// - Legacy `time`: `2016-12-23 18:50 +0000` (also accepted: seconds, a `T`, `Z`, `+00:00`,
///   no zone, which means UTC).
/// - Days: `2021-08-01`, `Mon Feb 03 2025`, `Sun, Nov 9, 2025`, `Feb 3, 2025`, `3 Feb 2025`.
enum DateParser {
    /// Unix seconds of a legacy `time` value, or `nil` when it is not one.
    static func timestamp(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var cursor = Cursor(b)
        cursor.skipSpaces()
        guard let year = cursor.number(digits: 4), cursor.take("-"), let month = cursor.number(digits: 2),
              cursor.take("-"), let dayOfMonth = cursor.number(digits: 2),
              let day = CalendarDay(year: year, month: month, day: dayOfMonth) else { return nil }
        guard cursor.take(" ") || cursor.take("T") else { return nil }
        cursor.skipSpaces()
        guard let hour = cursor.number(digits: 2), hour < 24, cursor.take(":"),
              let minute = cursor.number(digits: 2), minute < 60 else { return nil }
        var second = 0
        if cursor.take(":") {
            guard let s = cursor.number(digits: 2), s < 61 else { return nil }
            second = s
            if cursor.take(".") { while cursor.digit() != nil {} }
        }
        cursor.skipSpaces()
        var offset = 0
        if cursor.take("Z") || cursor.takeWord("UTC") || cursor.takeWord("GMT") {
            // UTC
        } else if let sign = cursor.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            cursor.advance()
            guard let hh = cursor.number(digits: 2) else { return nil }
            _ = cursor.take(":")
            guard let mm = cursor.number(digits: 2) else { return nil }
            offset = (hh * 3600 + mm * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        }
        cursor.skipSpaces()
        guard cursor.atEnd else { return nil }
        return Int64(day.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
    }

    /// A calendar day and the ISO weekday (Monday = 1) the text names, when it names one.
    static func day(_ b: UnsafeBufferPointer<UInt8>) -> (day: CalendarDay, statedWeekday: Int?)? {
        var cursor = Cursor(b)
        cursor.skipSpaces()
        if let iso = isoDay(&cursor) { return (iso, nil) }
        cursor = Cursor(b)
        var weekday: Int?, month: Int?, dayOfMonth: Int?, year: Int?
        while true {
            cursor.skipSeparators()
            if cursor.atEnd { break }
            if let word = cursor.word() {
                if month == nil, dayOfMonth == nil, weekday == nil, let w = weekdayNumber(word) {
                    weekday = w
                } else if month == nil, let m = monthNumber(word) {
                    month = m
                } else {
                    return nil
                }
            } else if let (value, digits) = cursor.integer() {
                if digits == 4, year == nil, dayOfMonth != nil || month != nil {
                    year = value
                } else if digits <= 2, dayOfMonth == nil, year == nil {
                    dayOfMonth = value
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
        guard let m = month, let d = dayOfMonth, let y = year, let day = CalendarDay(year: y, month: m, day: d) else {
            return nil
        }
        return (day, weekday)
    }

    /// `YYYY-MM-DD` or `YYYY/MM/DD`, optionally followed by a midnight time that spreadsheets add.
    private static func isoDay(_ cursor: inout Cursor) -> CalendarDay? {
        guard let year = cursor.number(digits: 4) else { return nil }
        let separator: Unicode.Scalar = cursor.take("-") ? "-" : cursor.take("/") ? "/" : " "
        guard separator != " ", let month = cursor.number(digits: 2), cursor.take(separator),
              let dayOfMonth = cursor.number(digits: 2) else { return nil }
        while let byte = cursor.peek,
              byte == UInt8(ascii: " ") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "0") || byte == UInt8(ascii: "T") {
            cursor.advance()
        }
        guard cursor.atEnd else { return nil }
        return CalendarDay(year: year, month: month, day: dayOfMonth)
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    private static func monthNumber(_ word: String) -> Int? {
        let w = word.lowercased()
        guard w.count >= 3 else { return nil }
        if let i = monthNames.firstIndex(where: { w.hasPrefix($0) }), fullNameMatches(w, month: i) { return i + 1 }
        return nil
    }

    private static func fullNameMatches(_ word: String, month: Int) -> Bool {
        let full = ["january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december"][month]
        return full.hasPrefix(word) || word == "sept"
    }

    private static func weekdayNumber(_ word: String) -> Int? {
        let w = word.lowercased()
        guard w.count >= 3 else { return nil }
        let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        guard let i = weekdayNames.firstIndex(where: { w.hasPrefix($0) }), full[i].hasPrefix(w) || w.count <= 4 else {
            return nil
        }
        return i + 1
    }

    /// A reading position over a byte buffer.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { i >= bytes.count }
        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }
        mutating func advance() { i += 1 }

        mutating func take(_ c: Unicode.Scalar) -> Bool {
            guard i < bytes.count, bytes[i] == UInt8(truncatingIfNeeded: c.value) else { return false }
            i += 1
            return true
        }

        mutating func takeWord(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { return false }
            i += w.count
            return true
        }

        mutating func skipSpaces() { while let b = peek, b == UInt8(ascii: " ") { i += 1 } }

        mutating func skipSeparators() {
            while let b = peek, b == UInt8(ascii: " ") || b == UInt8(ascii: ",") || b == UInt8(ascii: ".") { i += 1 }
        }

        mutating func digit() -> Int? {
            guard let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            i += 1
            return Int(b - UInt8(ascii: "0"))
        }

        /// Exactly `digits` digits.
        mutating func number(digits: Int) -> Int? {
            let start = i
            var value = 0
            for _ in 0..<digits {
                guard let d = digit() else { i = start; return nil }
                value = value * 10 + d
            }
            return value
        }

        /// One or more digits and how many there were.
        mutating func integer() -> (Int, Int)? {
            var value = 0, count = 0
            while count < 9, let d = digit() { value = value * 10 + d; count += 1 }
            return count > 0 ? (value, count) : nil
        }

        /// A run of ASCII letters.
        mutating func word() -> String? {
            let start = i
            while let b = peek, (b | 0x20) >= UInt8(ascii: "a"), (b | 0x20) <= UInt8(ascii: "z") { i += 1 }
            guard i > start else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }
    }
}
