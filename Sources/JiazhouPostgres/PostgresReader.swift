public import JiazhouCore
public import JiazhouStorage

/// Reads on one PostgreSQL transaction: a REPEATABLE READ snapshot
/// (``PostgresLedgerStore/read(_:)``), or the writer's own transaction,
/// where it sees that transaction's writes. The same queries as SQLite's
/// StoreReader, in PostgreSQL's dialect.
public struct PostgresReader: LedgerReading, CommittedRows {
    let connection: Connection
    public let suite: HashSuite
    /// Inside a write transaction: what it has read and changed so far.
    var rows: TransactionRows? = nil

    func rows(_ sql: String, _ values: [Value] = []) throws -> [Row] { try connection.query(sql, values) }
    func one(_ sql: String, _ values: [Value] = []) throws -> Row? { try connection.query(sql, values).first }

    public func lastEntry() throws -> (seq: Int64, leafHash: [UInt8])? {
        try one("SELECT seq, leaf_hash FROM entries ORDER BY seq DESC LIMIT 1").map { (try $0.int64(0), try $0.bytes(1)) }
    }

    public func meta(_ name: String) throws -> String? {
        try one("SELECT value FROM meta WHERE name = $1", [.text(name)])?.text(0)
    }

    public func entryBytes(_ seq: Int64) throws -> (bytes: [UInt8], leafHash: [UInt8])? {
        guard let row = try one("SELECT bytes, leaf_hash FROM entries WHERE seq = $1", [.int(seq)]) else { return nil }
        return (try row.bytes(0), try row.bytes(1))
    }

    /// Entries in `range`, a page of ``PostgresLimits/entriesPerPage`` a round trip (bounded memory for `export` and `verify`).
    public func forEachEntry(in range: Range<Int64>, _ body: (_ seq: Int64, _ bytes: [UInt8], _ leafHash: [UInt8]) throws -> Void) throws {
        var next = range.lowerBound
        while next < range.upperBound {
            let page = try rows(
                "SELECT seq, bytes, leaf_hash FROM entries WHERE seq >= $1 AND seq < $2 ORDER BY seq LIMIT \(PostgresLimits.entriesPerPage)",
                [.int(next), .int(range.upperBound)])
            for row in page { try body(try row.int64(0), try row.bytes(1), try row.bytes(2)) }
            guard page.count == PostgresLimits.entriesPerPage, let last = page.last else { return }
            next = try last.int64(0) + 1
        }
    }

    /// MTH(D[lo:hi]) of RFC 9162 (§2.1.1) from stored hashes, as SQLite's reader computes it.
    public func rangeHash(_ lo: Int64, _ hi: Int64) throws -> Hash {
        precondition(0 <= lo && lo < hi, "a non-empty range")
        let n = hi - lo
        if n & (n - 1) == 0, lo % n == 0 {
            let level = n.trailingZeroBitCount
            let row =
                level == 0
                ? try one("SELECT leaf_hash FROM entries WHERE seq = $1", [.int(lo)])
                : try one("SELECT hash FROM subtrees WHERE level = $1 AND idx = $2", [.int(Int64(level)), .int(lo >> level)])
            guard let row else { throw LedgerError(.ledger_invalid, "the Merkle hash of leaves \(lo)..<\(hi) is missing; run `jiazhou verify`") }
            return try row.hash(0, what: "Merkle hash of leaves \(lo)..<\(hi)")
        }
        var k: Int64 = 1
        while k * 2 < n { k *= 2 }
        return suite.nodeHash(try rangeHash(lo, lo + k), try rangeHash(lo + k, hi))
    }

    public func subtrees(level: Int, from: Int64, limit: Int) throws -> [(index: Int64, hash: [UInt8])] {
        let sql =
            level == 0
            ? "SELECT seq, leaf_hash FROM entries WHERE seq >= $1 ORDER BY seq LIMIT $2"
            : "SELECT idx, hash FROM subtrees WHERE level = \(level) AND idx >= $1 ORDER BY idx LIMIT $2"
        return try rows(sql, [.int(from), .int(Int64(limit))]).map { (try $0.int64(0), try $0.bytes(1)) }
    }

    public func subtreeCounts() throws -> [Int: Int64] {
        Dictionary(uniqueKeysWithValues: try rows("SELECT level::bigint, count(*) FROM subtrees GROUP BY level").map { (Int(try $0.int64(0)), try $0.int64(1)) })
    }

    public func checkpoint(size: Int64?) throws -> StoredCheckpoint? {
        let row =
            if let size {
                try one("SELECT size, root, note FROM checkpoints WHERE size = $1", [.int(size)])
            } else {
                try one("SELECT size, root, note FROM checkpoints ORDER BY size DESC LIMIT 1")
            }
        return try row.map(Self.checkpoint)
    }

    public func checkpoints() throws -> [StoredCheckpoint] {
        try rows("SELECT size, root, note FROM checkpoints ORDER BY size").map(Self.checkpoint)
    }

    static func checkpoint(_ row: Row) throws -> StoredCheckpoint {
        StoredCheckpoint(size: try row.int64(0), root: try row.hash(1, what: "checkpoint root"), note: try row.text(2))
    }

    public func count(_ table: String) throws -> Int64 {
        precondition(table.allSatisfy { $0.isLetter || $0 == "_" }, "a table name")
        return try one("SELECT count(*) FROM \(table)")?.int64(0) ?? 0
    }

    /// `("postgresql", 2)` when `synchronous_commit` is `on` (or stricter), as SQLite reports `synchronous = FULL`.
    public func durability() throws -> (journalMode: String, synchronous: Int) {
        let setting = try one("SHOW synchronous_commit")?.text(0) ?? ""
        return ("postgresql", ["on", "remote_apply", "remote_write"].contains(setting) ? 2 : 0)
    }
}
