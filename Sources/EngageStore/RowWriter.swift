import EngageModel
import GRDB
import GRDBSQLite

/// Binds one row's values straight into a prepared statement and runs it: an import writes a
/// million rows, and going through GRDB's `StatementArguments` (an array of boxed values per row)
/// cost several times the insert itself.
struct RowWriter {
    private let statement: Statement
    private var index: Int32 = 0

    init(_ statement: Statement) { self.statement = statement }

    mutating func bind(_ value: Int64?) {
        index += 1
        if let value { sqlite3_bind_int64(statement.sqliteStatement, index, value) } else { sqlite3_bind_null(statement.sqliteStatement, index) }
    }

    mutating func bind(_ value: String?) {
        index += 1
        guard let value else { sqlite3_bind_null(statement.sqliteStatement, index); return }
        var text = value
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(statement.sqliteStatement, index, UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                  Int32(bytes.count), transientText)
        }
    }

    /// The counts of `metrics` in the columns' order.
    mutating func bind(_ metrics: MetricValues, columns: [(metric: Metric, column: String)]) {
        for (metric, _) in columns { bind(metrics[metric]) }
    }

    /// Runs the statement with the values bound; returns the rows changed (0 for an ignored insert).
    mutating func run(in db: Database) throws -> Int {
        index = 0
        let code = sqlite3_step(statement.sqliteStatement)
        sqlite3_reset(statement.sqliteStatement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }
}

/// SQLite copies the text it is given (the Swift buffer lives only for the call).
private let transientText = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
