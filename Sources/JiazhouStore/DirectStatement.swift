import Foundation
import GRDB
import GRDBSQLite
import JiazhouCore

/// A cached statement whose parameters are bound straight into SQLite, one
/// after another, without GRDB's `StatementArguments`. The bulk paths write
/// millions of rows; boxing every value into an argument array cost more
/// than SQLite's own work. Errors are GRDB's `DatabaseError`, as elsewhere.
struct DirectStatement {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    private var next: Int32 = 1

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
    }

    /// A statement of its own, not the cached one: for a scan, whose body
    /// may run other queries (even this one) before the scan ends.
    init(_ db: Database, scanning sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    mutating func bind(_ value: Int64) {
        sqlite3_bind_int64(handle, next, value)
        next += 1
    }

    mutating func bind(_ value: Int64?) {
        if let value { bind(value) } else { bindNull() }
    }

    mutating func bind(_ value: Int) { bind(Int64(value)) }

    mutating func bind(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                if let start = chars.baseAddress {
                    _ = sqlite3_bind_text(handle, next, start, Int32(chars.count), Self.transient)
                } else {
                    // An empty string has no storage; bound as "" it stays text, not NULL.
                    _ = sqlite3_bind_text(handle, next, "", 0, Self.transient)
                }
            }
        }
        next += 1
    }

    mutating func bind(blob bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            // A zero-length blob must still be a blob, not NULL.
            _ = sqlite3_bind_blob(handle, next, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), Self.transient)
        }
        next += 1
    }

    /// A hash's 32 bytes as a blob, bound where the hash holds them.
    mutating func bind(_ hash: Hash) {
        hash.withUnsafeBytes { raw in _ = sqlite3_bind_blob(handle, next, raw.baseAddress, Int32(raw.count), Self.transient) }
        next += 1
    }

    mutating func bindNull() {
        sqlite3_bind_null(handle, next)
        next += 1
    }

    /// Runs the statement once with what was bound, then readies it for the
    /// next row.
    mutating func execute() throws {
        let code = sqlite3_step(handle)
        next = 1
        if code == SQLITE_DONE || code == SQLITE_ROW {
            sqlite3_reset(handle)
            return
        }
        let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
        sqlite3_reset(handle)
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    /// Runs a query with what was bound and hands its first row to `read`
    /// (columns by position), then readies the statement for the next use:
    /// the point reads (`account.get`, an award's accounts) without GRDB's
    /// row machinery, which cost more than SQLite's own work.
    mutating func first<T>(_ read: (DirectRow) throws -> T) throws -> T? {
        let code = sqlite3_step(handle)
        next = 1
        defer { sqlite3_reset(handle) }
        switch code {
        case SQLITE_ROW: return try read(DirectRow(handle: handle))
        case SQLITE_DONE: return nil
        default:
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// Runs a query with what was bound and hands each row to `body`
    /// (columns by position), then readies the statement for the next use:
    /// the scans `verify` reads every entry, subtree, usage figure and lot
    /// with, where GRDB's rows (and their `Data` copied into arrays) cost
    /// more than SQLite's own work.
    mutating func forEach(_ body: (DirectRow) throws -> Void) throws {
        next = 1
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW: try body(DirectRow(handle: handle))
            case SQLITE_DONE: return
            default:
                let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
            }
        }
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}

/// The current row of a ``DirectStatement``, read by column position.
struct DirectRow {
    let handle: OpaquePointer

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    /// A blob column's bytes (empty for NULL or a zero-length blob).
    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let start = sqlite3_column_blob(handle, column) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    }

    /// The blob in place, valid until the statement steps again or is reset.
    func lentBlob(_ column: Int32) -> UnsafeRawBufferPointer {
        // The pointer first, then its length (SQLite's order).
        let start = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return UnsafeRawBufferPointer(start: count > 0 ? start : nil, count: start == nil ? 0 : count)
    }

    /// A text column's UTF-8 bytes in place, valid until the statement
    /// steps again or is reset: for a scan that compares or hashes a key
    /// without making a string of it every row.
    func lentText(_ column: Int32) -> UnsafeRawBufferPointer {
        let start = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return UnsafeRawBufferPointer(start: count > 0 ? start : nil, count: start == nil ? 0 : count)
    }

    func text(_ column: Int32) -> String {
        guard let start = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }
}

extension Database {
    /// Inserts `count` rows of `columns` values each, `rowsPerStatement` at a
    /// time; `bindRow(i, &statement)` binds row i's values in column order.
    func insertRows(
        into table: String, columns: Int, count: Int, rowsPerStatement: Int = 100, suffix: String = "",
        bindRow: (Int, inout DirectStatement) -> Void
    ) throws {
        let placeholders = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        var start = 0
        while start < count {
            let rows = min(rowsPerStatement, count - start)
            var statement = try DirectStatement(
                self, sql: "INSERT INTO \(table) VALUES " + Array(repeating: placeholders, count: rows).joined(separator: ",") + " " + suffix)
            for row in start..<(start + rows) { bindRow(row, &statement) }
            try statement.execute()
            start += rows
        }
    }
}
