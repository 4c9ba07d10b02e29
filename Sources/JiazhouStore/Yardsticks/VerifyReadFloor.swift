import Foundation
import GRDB
import GRDBSQLite

/// `verify`'s second yardstick, beside reading and hashing the entries: every
/// row of every table it compares with its replay (the chain, the Merkle
/// subtrees, the accounts, movements, usage, lots, codes and the rest),
/// stepped through as `verify` must read them, on one connection in one
/// snapshot, each column looked at where SQLite holds it: nothing copied,
/// decoded or compared. No verify of this ledger on this backend can be faster.
public enum VerifyReadFloor {
    /// The tables `verify` reads (SPEC §5), each whole.
    static let tables = [
        "entries", "subtrees", "checkpoints", "accounts", "movements", "usage", "lots", "redemption_codes", "reversals", "rulesets",
        "account_status", "catalogue", "profiles",
    ]

    /// Reads every row of ``tables`` in the ledger at `path`; how many rows, and the seconds it took.
    public static func readEveryRow(ofLedgerAt path: String) throws -> (rows: Int, seconds: Double) {
        let queue = try DatabaseQueue(path: path, configuration: LedgerStore.configuration(readonly: true))
        return try queue.read { db in
            var rows = 0
            var sink = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for table in tables {
                let statement = try db.makeStatement(sql: "SELECT * FROM \(table)")
                let handle = statement.sqliteStatement
                let columns = sqlite3_column_count(handle)
                while true {
                    let code = sqlite3_step(handle)
                    if code == SQLITE_DONE { break }
                    guard code == SQLITE_ROW else {
                        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                    }
                    rows += 1
                    for column in 0..<columns {
                        switch sqlite3_column_type(handle, column) {
                        case SQLITE_INTEGER: sink &+= Int(truncatingIfNeeded: sqlite3_column_int64(handle, column))
                        case SQLITE_BLOB: sink &+= sqlite3_column_blob(handle, column) == nil ? 0 : Int(sqlite3_column_bytes(handle, column))
                        case SQLITE_TEXT: sink &+= sqlite3_column_text(handle, column) == nil ? 0 : Int(sqlite3_column_bytes(handle, column))
                        default: break
                        }
                    }
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            // Keeps the column reads from being optimized away.
            if sink == Int.min { rows += 1 }
            return (rows, seconds)
        }
    }
}
