public import JiazhouCore
import GRDB
import Foundation

/// Read access to one consistent snapshot of the ledger.
public struct StoreReader: LedgerReading {
    let db: Database
    /// The ledger's hash suite: of the head's root, of `rangeHash`, of `entry`.
    public let suite: HashSuite
    /// Inside a write transaction: what it has read and changed so far.
    var rows: TransactionRows? = nil

    public func lastEntry() throws -> (seq: Int64, leafHash: [UInt8])? {
        var select = try DirectStatement(db, sql: "SELECT seq, leaf_hash FROM entries ORDER BY seq DESC LIMIT 1")
        return try select.first { ($0.int64(0), $0.blob(1)) }
    }

    static func hash(_ data: Data?, what: String) throws -> Hash {
        guard let data, let hash = Hash(bytes: data) else { throw LedgerError(.ledger_invalid, "\(what) is not 32 bytes") }
        return hash
    }

    public func meta(_ name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = ?", arguments: [name])
    }

    static let accountColumns = "id, scope, tags, budget, opened_seq, balance, earned, minutes"
    /// Built once: the statement cache is keyed by the SQL text, and an
    /// interpolated string is built and hashed anew on every read.
    static let selectAccount = "SELECT \(accountColumns) FROM accounts WHERE id = ?"
    static let selectAccountWithStatus =
        "SELECT \(accountColumns), (SELECT status FROM account_status WHERE account = accounts.id), (SELECT max(version) FROM rulesets) FROM accounts WHERE id = ?"

    public func account(_ id: AccountID) throws -> Account? {
        if let rows { return try rows.account(id, from: StoreReader(db: db, suite: suite)) }
        return try Self.fetchAccount(id, db: db)
    }

    /// One account row by primary key, through a cached statement read
    /// column by column.
    static func fetchAccount(_ id: AccountID, db: Database) throws -> Account? {
        var select = try DirectStatement(db, sql: selectAccount)
        select.bind(id.text)
        return try select.first { try account(id, $0) }
    }

    /// An account row read by position (``accountColumns``). The id is the
    /// one asked for: the primary key matched it exactly.
    static func account(_ id: AccountID, _ row: DirectRow) throws -> Account {
        let tagsText = row.text(2)
        let tags = tagsText == "[]" ? [] : try JSONParser.parse(tagsText).arrayValue?.compactMap(\.stringValue) ?? []
        return Account(
            id: id, scope: try Scope(row.text(1)), tags: tags, budget: row.optionalInt64(3), openedSeq: row.int64(4), balance: row.int64(5),
            earned: row.int64(6), minutes: row.int64(7))
    }

    /// The account row, its status and the rule set in force in one statement.
    public func accountWithStatus(_ id: AccountID) throws -> (account: Account, status: AccountStatus, ruleSetVersion: Int64?)? {
        if rows != nil { return try accountWithStatusInThreeReads(id) }
        var select = try DirectStatement(db, sql: Self.selectAccountWithStatus)
        select.bind(id.text)
        return try select.first { row in
            let status = row.isNull(8) ? .active : try AccountStatus(stored: row.text(8), of: id)
            return (try Self.account(id, row), status, row.optionalInt64(9))
        }
    }

    /// Reads an account row by column position (the order of ``accountColumns``):
    /// lookups by name cost a case-insensitive search per column.
    static func account(_ row: Row) throws -> Account {
        let tagsText: String = row[2]
        let tags = tagsText == "[]" ? [] : try JSONParser.parse(tagsText).arrayValue?.compactMap(\.stringValue) ?? []
        return Account(
            id: try AccountID(row[0] as String), scope: try Scope(row[1] as String), tags: tags, budget: row[3],
            openedSeq: row[4], balance: row[5], earned: row[6], minutes: row[7])
    }

    /// Every account, in id order, one at a time (bounded memory).
    public func forEachAccount(_ body: (Account) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.accountColumns) FROM accounts ORDER BY id")
        while let row = try rows.next() { try body(try Self.account(row)) }
    }

    /// The stored bytes and leaf hash of entry `seq`.
    public func entryBytes(_ seq: Int64) throws -> (bytes: [UInt8], leafHash: [UInt8])? {
        guard let row = try Row.fetchOne(db, sql: "SELECT bytes, leaf_hash FROM entries WHERE seq = ?", arguments: [seq]) else { return nil }
        return ([UInt8](row["bytes"] as Data), [UInt8](row["leaf_hash"] as Data))
    }

    /// Stored entries with seq in `range`, in order, one at a time.
    public func forEachEntry(in range: Range<Int64>, _ body: (_ seq: Int64, _ bytes: [UInt8], _ leafHash: [UInt8]) throws -> Void) throws {
        try forEachEntryLent(in: range) { seq, bytes, leafHash in try body(seq, Array(bytes), Array(leafHash)) }
    }

    public func forEachEntryLent(
        in range: Range<Int64>, _ body: (_ seq: Int64, _ bytes: UnsafeRawBufferPointer, _ leafHash: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var select = try DirectStatement(db, scanning: "SELECT seq, bytes, leaf_hash FROM entries WHERE seq >= ? AND seq < ? ORDER BY seq")
        select.bind(range.lowerBound)
        select.bind(range.upperBound)
        try select.forEach { row in try body(row.int64(0), row.lentBlob(1), row.lentBlob(2)) }
    }

    /// An account's movements after `after`, oldest first: (seq, net points).
    public func movements(of account: AccountID, after: Int64?, limit: Int) throws -> [(seq: Int64, points: Int64)] {
        try Row.fetchAll(
            db, sql: "SELECT seq, points FROM movements WHERE account = ? AND seq > ? ORDER BY seq LIMIT ?",
            arguments: [account.text, after ?? -1, limit]
        ).map { ($0[0], $0[1]) }
    }

    /// The personal data kept off the chain for `account`, and its salt.
    public func profile(of account: AccountID) throws -> (salt: [UInt8], text: String)? {
        try Row.fetchOne(db, sql: "SELECT salt, profile FROM profiles WHERE account = ?", arguments: [account.text])
            .map { ([UInt8]($0[0] as Data), $0[1]) }
    }

    /// The seq of the entry that reversed `seq`, if any.
    public func reversal(of seq: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT reversal_seq FROM reversals WHERE original_seq = ?", arguments: [seq])
    }

    /// The version of the rule set in force, without its text.
    public func currentRuleSetVersion() throws -> Int64? {
        var select = try DirectStatement(db, sql: "SELECT max(version) FROM rulesets")
        return try select.first { $0.optionalInt64(0) } ?? nil
    }

    /// The rule set in force: the latest published.
    public func currentRuleSet() throws -> StoredRuleSet? {
        try Row.fetchOne(db, sql: "SELECT * FROM rulesets ORDER BY version DESC LIMIT 1").map(StoredRuleSet.init(row:))
    }

    /// A published rule set by version.
    public func ruleSet(version: Int64) throws -> StoredRuleSet? {
        try Row.fetchOne(db, sql: "SELECT * FROM rulesets WHERE version = ?", arguments: [version]).map(StoredRuleSet.init(row:))
    }

    /// The first result recorded for (actor, key), with the hash of its request.
    public func idempotency(actor: AccountID, key: String) throws -> (requestHash: [UInt8], result: [UInt8])? {
        // Cached: every write with a key asks, inside the one writer's transaction.
        var select = try DirectStatement(db, sql: "SELECT request_hash, result FROM idempotency WHERE actor = ? AND key = ?")
        select.bind(actor.text)
        select.bind(key)
        return try select.first { ($0.blob(0), $0.blob(1)) }
    }

    /// The signed checkpoint for `size`, or the latest one.
    public func checkpoint(size: Int64? = nil) throws -> StoredCheckpoint? {
        let row: Row?
        if let size {
            row = try Row.fetchOne(db, sql: "SELECT * FROM checkpoints WHERE size = ?", arguments: [size])
        } else {
            row = try Row.fetchOne(db, sql: "SELECT * FROM checkpoints ORDER BY size DESC LIMIT 1")
        }
        return try row.map { StoredCheckpoint(size: $0["size"], root: try Self.hash($0["root"], what: "checkpoint root"), note: $0["note"]) }
    }

    /// Every stored checkpoint, by size.
    public func checkpoints() throws -> [StoredCheckpoint] {
        try Row.fetchAll(db, sql: "SELECT * FROM checkpoints ORDER BY size").map {
            StoredCheckpoint(size: $0["size"], root: try Self.hash($0["root"], what: "checkpoint root"), note: $0["note"])
        }
    }

    /// MTH(D[lo:hi]) of RFC 9162 from stored hashes: an aligned power-of-two
    /// range is one stored subtree (or leaf); any other range splits as the
    /// RFC splits it. O(log n) reads, no rehashing of history.
    public func rangeHash(_ lo: Int64, _ hi: Int64) throws -> Hash {
        precondition(0 <= lo && lo < hi, "a non-empty range")
        let n = hi - lo
        if n & (n - 1) == 0, lo % n == 0 {
            // A proof reads some forty of these: through a direct statement,
            // not GRDB's generic fetch, which cost three times SQLite's work.
            let level = n.trailingZeroBitCount
            var select: DirectStatement
            if level == 0 {
                select = try DirectStatement(db, sql: "SELECT leaf_hash FROM entries WHERE seq = ?")
            } else {
                select = try DirectStatement(db, sql: "SELECT hash FROM subtrees WHERE level = ? AND idx = ?")
                select.bind(level)
            }
            select.bind(lo >> level)
            guard let bytes = try select.first({ $0.blob(0) }) else {
                throw LedgerError(.ledger_invalid, "the Merkle hash of leaves \(lo)..<\(hi) is missing; run `jiazhou verify`")
            }
            guard let hash = Hash(bytes: bytes) else { throw LedgerError(.ledger_invalid, "the Merkle hash of leaves \(lo)..<\(hi) is not 32 bytes") }
            return hash
        }
        var k: Int64 = 1
        while k * 2 < n { k *= 2 }
        return suite.nodeHash(try rangeHash(lo, lo + k), try rangeHash(lo + k, hi))
    }

    /// Stored subtree hashes of one level from index `from`, in index order
    /// (level 0: the entries' leaf hashes); for `verify` and the tiles.
    public func subtrees(level: Int, from: Int64, limit: Int) throws -> [(index: Int64, hash: [UInt8])] {
        var rows: [(index: Int64, hash: [UInt8])] = []
        rows.reserveCapacity(min(limit, 4096))
        try forEachSubtreeLent(level: level, from: from, limit: limit) { index, hash in rows.append((index, Array(hash))) }
        return rows
    }

    public func forEachSubtreeLent(
        level: Int, from: Int64, limit: Int, _ body: (_ index: Int64, _ hash: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        // Cached statements: `head()` asks for one row of each level on
        // every request. So `body` must not read the store: it runs while
        // the cached statement is stepped.
        var select: DirectStatement
        if level == 0 {
            select = try DirectStatement(db, sql: "SELECT seq, leaf_hash FROM entries WHERE seq >= ? ORDER BY seq LIMIT ?")
        } else {
            select = try DirectStatement(db, sql: "SELECT idx, hash FROM subtrees WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?")
            select.bind(level)
        }
        select.bind(from)
        select.bind(limit)
        try select.forEach { row in try body(row.int64(0), row.lentBlob(1)) }
    }

    /// How many subtree hashes each level holds.
    public func subtreeCounts() throws -> [Int: Int64] {
        Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT level, count(*) FROM subtrees GROUP BY level").map { ($0[0], $0[1]) })
    }

    /// Every reversal pair; for `verify`.
    public func reversals() throws -> [Int64: Int64] {
        Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT original_seq, reversal_seq FROM reversals").map { ($0[0], $0[1]) })
    }

    /// The connection's durability settings: (journal mode, synchronous level; 2 = FULL).
    public func durability() throws -> (journalMode: String, synchronous: Int) {
        (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "", try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1)
    }

    public func count(_ table: String) throws -> Int64 {
        precondition(table.allSatisfy { $0.isLetter || $0 == "_" }, "a table name")
        return try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
    }
}

extension StoredRuleSet {
    init(row: Row) throws {
        self.init(version: row["version"], seq: row["seq"], hash: try StoreReader.hash(row["hash"], what: "rule-set hash"), text: row["text"])
    }
}
