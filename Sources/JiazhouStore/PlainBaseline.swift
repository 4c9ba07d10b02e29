import GRDB
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
}
