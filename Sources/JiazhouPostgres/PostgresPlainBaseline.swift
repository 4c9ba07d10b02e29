public import JiazhouCore
import Dispatch
public import Logging

/// `jiazhou bench --db postgres://…`'s yardstick: the same bytes inserted into
/// a bare table of the same server, through the same client (postgres-nio, one
/// statement a row, as the ledger's writer sends them) with the ledger's
/// durability (`synchronous_commit = on`), with no hashing, no Merkle tree and
/// no balances. What the ledger costs beyond it is its own work.
///
/// Its tables (`bench_plain_*`) are made beside the ledger's and dropped again
/// when a measurement ends, so that the ledger is left as it was.
public final class PostgresPlainBaseline {
    private let connection: Connection

    public init(_ location: PostgresLocation, logger: Logger = Logger(label: "jiazhou.bench")) throws(LedgerError) {
        connection = try PostgresLedgerStore.failing { try Connection.open(location, logger: logger) }
    }

    deinit { connection.close() }

    /// Inserts every chunk `nextChunk` gives in one transaction, like a batched
    /// append, and commits. Returns the seconds spent inserting and committing,
    /// not counting the time `nextChunk` takes to produce the rows.
    public func insertInOneTransaction(_ nextChunk: () throws -> [(seq: Int64, bytes: [UInt8])]?) throws -> Double {
        try PostgresLedgerStore.failing {
            try connection.execute("DROP TABLE IF EXISTS bench_plain_entries")
            try connection.execute("CREATE TABLE bench_plain_entries (seq BIGINT PRIMARY KEY, bytes BYTEA NOT NULL)")
            defer { _ = try? connection.execute("DROP TABLE IF EXISTS bench_plain_entries") }
            var producing: UInt64 = 0
            let start = DispatchTime.now().uptimeNanoseconds
            try connection.begin("BEGIN")
            while true {
                let before = DispatchTime.now().uptimeNanoseconds
                let rows = try nextChunk()
                producing += DispatchTime.now().uptimeNanoseconds - before
                guard let rows else { break }
                for row in rows { try connection.execute("INSERT INTO bench_plain_entries (seq, bytes) VALUES ($1, $2)", [.int(row.seq), .bytes(row.bytes)]) }
            }
            try connection.execute("COMMIT", during: .committing)
            return Double(DispatchTime.now().uptimeNanoseconds - start - producing) / 1e9
        }
    }

    /// The yardstick of a read: `count` primary-key selects of one row of a
    /// table shaped like the ledger's accounts (`rows` rows, text keys that
    /// `key(n)` names), each one statement through postgres-nio, as the
    /// ledger's reader sends them. Returns the seconds of the selects.
    public func pointSelects(rows: Int, count: Int, key: (Int) -> String) throws -> Double {
        try PostgresLedgerStore.failing {
            try connection.execute("DROP TABLE IF EXISTS bench_plain_accounts")
            try connection.execute("CREATE TABLE bench_plain_accounts (id TEXT PRIMARY KEY, scope TEXT NOT NULL, balance BIGINT NOT NULL)")
            defer { _ = try? connection.execute("DROP TABLE IF EXISTS bench_plain_accounts") }
            try connection.begin("BEGIN")
            for n in 0..<rows {
                try connection.execute(
                    "INSERT INTO bench_plain_accounts (id, scope, balance) VALUES ($1, 'shizhong/tongjiang/baiyang/g01', $2)", [.text(key(n)), .int(Int64(n))])
            }
            try connection.execute("COMMIT", during: .committing)
            var sum: Int64 = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for i in 0..<count {
                if let row = try connection.query("SELECT scope, balance FROM bench_plain_accounts WHERE id = $1", [.text(key((i &* 7919) % rows))]).first {
                    sum &+= try row.int64(1)
                    _ = try row.text(0)
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            precondition(sum >= 0, "the baseline's balances are non-negative")
            return seconds
        }
    }
}
