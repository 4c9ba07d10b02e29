import GRDB
import GRDBSQLite
import Foundation

/// The benchmark's yardstick: the same bytes inserted into a bare SQLite
/// table with the ledger's durability settings, with no hashing, no Merkle
/// tree and no balances. What the ledger costs beyond it is its own work.
public final class PlainBaseline {
    private let queue: DatabaseQueue

    public init(path: String) throws {
        queue = try DatabaseQueue(path: path, configuration: LedgerStore.configuration(readonly: false))
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "CREATE TABLE entries (seq INTEGER PRIMARY KEY, bytes BLOB NOT NULL)")
        }
    }

    /// Inserts every chunk that `nextChunk` gives in one transaction, like a
    /// batched append. Returns the seconds spent inserting and committing,
    /// not counting the time `nextChunk` takes to produce the rows.
    public func insertInOneTransaction(_ nextChunk: () throws -> [(seq: Int64, bytes: [UInt8])]?) throws -> Double {
        var producing: UInt64 = 0
        let start = DispatchTime.now().uptimeNanoseconds
        try queue.write { db in
            let statement = try db.cachedStatement(sql: "INSERT INTO entries (seq, bytes) VALUES (?, ?)")
            while true {
                let before = DispatchTime.now().uptimeNanoseconds
                let rows = try nextChunk()
                producing += DispatchTime.now().uptimeNanoseconds - before
                guard let rows else { break }
                for row in rows { try statement.execute(arguments: [row.seq, Data(row.bytes)]) }
            }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start - producing) / 1e9
    }

    /// The yardstick of a read: `count` primary-key selects of one row of a
    /// table shaped like the ledger's accounts (`rows` rows, text keys that
    /// `key(n)` names), each through one prepared statement, stepped and
    /// reset as SQLite's own API does. Returns the seconds of the selects.
    public func pointSelects(rows: Int, count: Int, key: (Int) -> String) throws -> Double {
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE accounts (id TEXT PRIMARY KEY, scope TEXT NOT NULL, balance INTEGER NOT NULL) WITHOUT ROWID")
            let insert = try db.cachedStatement(sql: "INSERT INTO accounts (id, scope, balance) VALUES (?, 'shizhong/tongjiang/baiyang/g01', ?)")
            for n in 0..<rows { try insert.execute(arguments: [key(n), n]) }
        }
        return try queue.read { db in
            let select = try db.cachedStatement(sql: "SELECT scope, balance FROM accounts WHERE id = ?")
            let handle = select.sqliteStatement
            var sum: Int64 = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for i in 0..<count {
                var id = key((i &* 7919) % rows)
                id.withUTF8 { utf8 in
                    utf8.withMemoryRebound(to: CChar.self) { chars in
                        _ = sqlite3_bind_text(handle, 1, chars.baseAddress, Int32(chars.count), nil)
                        if sqlite3_step(handle) == SQLITE_ROW {
                            sum &+= sqlite3_column_int64(handle, 1)
                            _ = sqlite3_column_text(handle, 0)
                        }
                        sqlite3_reset(handle)
                    }
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            precondition(sum >= 0, "the baseline's balances are non-negative")
            return seconds
        }
    }
}
