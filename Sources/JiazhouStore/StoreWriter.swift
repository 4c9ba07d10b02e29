public import JiazhouCore
import GRDB
import Foundation

/// The one writer's view of a write transaction. Every method keeps the
/// ledger's invariants: an entry is appended only at the head, with its
/// balances, movements and Merkle subtrees, in the same transaction.
public struct StoreWriter: LedgerWriting {
    let db: Database
    /// The rows entries maintain, as this transaction has them (shared by every copy).
    let rows = TransactionRows()
    /// The chain's end as of the last append in this transaction.
    public private(set) var head: LedgerHead

    /// The ledger's hash suite, which seals every appended entry.
    public let suite: HashSuite

    init(db: Database, suite: HashSuite) throws {
        self.db = db
        self.suite = suite
        self.head = try StoreReader(db: db, suite: suite).head()
    }

    /// Reads within this transaction (they see its own writes).
    public var reader: any LedgerReading { sqliteReader }

    /// The same, as itself, for the store's own code.
    var sqliteReader: StoreReader { StoreReader(db: db, suite: suite, rows: rows) }

    /// The rows as committed, for what this transaction has not touched yet.
    private var committed: StoreReader { StoreReader(db: db, suite: suite) }

    /// Whether the transaction is still open. SQLite rolls a whole
    /// transaction back on some failures (a full disk); after that nothing
    /// more may run in it, or it would run outside any transaction.
    public var transactionIsOpen: Bool { db.isInsideTransaction }

    /// Writes back the rows the transaction holds; called once, before commit.
    func flush() throws {
        try db.writeBack(rows.pending)
        rows.wroteBack()
    }

    /// Writes back the rows the transaction holds now, inside the
    /// transaction, so that a bulk load of a million entries keeps a bounded
    /// cache. Only for a write that is first in its transaction (as
    /// ``LedgerService/appendBatch(_:)`` bodies are) and not inside a nested
    /// ``attempt(_:)`` that follows other writes.
    public func writeBack() throws {
        guard rows.mayWriteBack else {
            throw LedgerError(.invalid_request, "a write-back inside a savepoint that follows other writes could lose them if rolled back")
        }
        try flush()
    }

    /// Runs `body` in a savepoint: if it throws, its writes are undone and the
    /// error rethrown, and the rest of the transaction goes on. This is how one
    /// refused request in a commit group leaves the others intact.
    public mutating func attempt<T>(_ body: (inout any LedgerWriting) throws -> T) throws -> T {
        guard db.isInsideTransaction else {
            throw DatabaseError(resultCode: .SQLITE_ABORT, message: "Transaction was aborted")
        }
        let saved = head
        let mark = rows.beginSavepoint()
        defer { rows.endSavepoint() }
        // Through cached statements rather than GRDB's `inSavepoint`, which
        // prepares its three statements again for every request of a group
        // (a fourteenth of the writer's time per award). Savepoints of one
        // name nest: RELEASE and ROLLBACK TO take the innermost.
        try execute("SAVEPOINT attempt")
        var result: Result<T, any Error>
        do {
            // The body sees this writer boxed; only the head is its own
            // (the database and the rows are shared), so that is what comes back.
            var boxed: any LedgerWriting = self
            defer { head = boxed.head }
            result = .success(try body(&boxed))
            // SQLite may have rolled the whole transaction back (a full
            // disk) under a body that went on: then nothing it wrote stands.
            if !db.isInsideTransaction { result = .failure(DatabaseError(resultCode: .SQLITE_ABORT, message: "Transaction was aborted")) }
        } catch {
            result = .failure(error)
        }
        if case .success = result {
            do { try execute("RELEASE attempt") } catch { result = .failure(error) }
        }
        if case .failure = result {
            // When SQLite has already aborted the transaction, the rollback
            // fails too; the body's own error says why.
            try? execute("ROLLBACK TO attempt")
            try? execute("RELEASE attempt")
            head = saved
            rows.rollback(to: mark)
        }
        return try result.get()
    }

    private func execute(_ sql: String) throws {
        var statement = try DirectStatement(db, sql: sql)
        try statement.execute()
    }

    /// Appends `entry` at the head: stores its canonical bytes and leaf hash,
    /// the Merkle subtrees it completes, and its effect on every account.
    @discardableResult
    public mutating func append(_ entry: Entry) throws -> Entry.Sealed {
        let sealed = try TransactionRows.seal(entry, at: head, suite: suite)
        try db.insertEntry(seq: entry.seq, leafHash: sealed.leafHash, bytes: sealed.bytes)
        let next = rows.extend(head, with: sealed.leafHash)
        for row in try entry.indexRows() { try write(row) }
        try rows.apply(entry, from: committed)
        for change in entry.lotChanges { try apply(change, in: entry) }
        head = next
        return sealed
    }

    /// Writes one row of the tables derived from kinds (SPEC §5).
    private func write(_ row: IndexRow) throws {
        switch row {
        case .meta(let name, let value):
            try setMeta(name, value)
        case .account(let account):
            let tags = JSONValue.array(account.tags.map(JSONValue.string)).canonicalText
            try db.cachedStatement(sql: "INSERT INTO accounts (id, kind, scope, tags, budget, opened_seq) VALUES (?, ?, ?, ?, ?, ?)")
                .execute(arguments: [account.id.text, account.id.kind.rawValue, account.scope.path, tags, account.budget, account.openedSeq])
            rows.inserted(account)
        case .status(let account, let status, let seq):
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO account_status (account, status, seq) VALUES (?, ?, ?)")
                .execute(arguments: [account.text, status.rawValue, seq])
        case .catalogue(let merchant, let items):
            try db.execute(sql: "DELETE FROM catalogue WHERE merchant = ?", arguments: [merchant.text])
            for item in items {
                try db.cachedStatement(sql: "INSERT INTO catalogue (merchant, item, points, seq) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [merchant.text, item.item, item.points, item.seq])
            }
        case .reversal(let original, let seq):
            try db.execute(sql: "INSERT INTO reversals (original_seq, reversal_seq) VALUES (?, ?)", arguments: [original, seq])
        case .ruleSet(let rules):
            try db.execute(
                sql: "INSERT INTO rulesets (version, seq, hash, text) VALUES (?, ?, ?, ?)",
                arguments: [rules.version, rules.seq, Data(rules.hash.bytes), rules.text])
        }
    }

    private func apply(_ change: LotChange, in entry: Entry) throws {
        switch change {
        case .open(let seq, let volunteer, let points, let available, let expires):
            try db.insertLot(seq: seq, volunteer: volunteer, points: points, available: available, expires: expires)
        case .take(let seq, let points):
            var update = try DirectStatement(db, sql: "UPDATE lots SET remaining = remaining - ?1 WHERE seq = ?2 AND remaining >= ?1")
            update.bind(points)
            update.bind(seq)
            try update.execute()
            guard db.changesCount == 1 else {
                throw LedgerError(.insufficient_points, "entry \(entry.seq) takes \(points) points from the lot of award \(seq), which does not hold them")
            }
        case .restore(let seq, let points):
            try db.cachedStatement(sql: "UPDATE lots SET remaining = remaining + ? WHERE seq = ? AND remaining + ? <= points")
                .execute(arguments: [points, seq, points])
            guard db.changesCount == 1 else {
                throw LedgerError(.ledger_invalid, "entry \(entry.seq) puts \(points) points back into the lot of award \(seq), which never gave them")
            }
        }
    }

    /// Keeps a person's profile and its salt off the chain.
    public func storeProfile(account: AccountID, salt: [UInt8], profile: String) throws {
        try db.execute(sql: "INSERT INTO profiles (account, salt, profile) VALUES (?, ?, ?)", arguments: [account.text, Data(salt), profile])
    }

    public func recordIdempotency(actor: AccountID, key: String, requestHash: Hash, result: [UInt8]) throws {
        var insert = try DirectStatement(db, sql: "INSERT INTO idempotency (actor, key, request_hash, result) VALUES (?, ?, ?, ?)")
        insert.bind(actor.text)
        insert.bind(key)
        insert.bind(blob: requestHash.bytes)
        insert.bind(blob: result)
        try insert.execute()
    }

    public func storeCheckpoint(size: Int64, root: Hash, note: String) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO checkpoints (size, root, note) VALUES (?, ?, ?)")
            .execute(arguments: [size, Data(root.bytes), note])
    }

    public func setMeta(_ name: String, _ value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", arguments: [name, value])
    }
}

extension Database {
    /// One entry's row (``StoreWriter/append(_:)``, and `jiazhou bench`'s ``SchemaFloor``).
    func insertEntry(seq: Int64, leafHash: Hash, bytes: [UInt8]) throws {
        var insert = try DirectStatement(self, sql: "INSERT INTO entries (seq, leaf_hash, bytes) VALUES (?, ?, ?)")
        insert.bind(seq)
        insert.bind(leafHash)
        insert.bind(blob: bytes)
        try insert.execute()
    }

    /// The lot an award opens, all its points remaining.
    func insertLot(seq: Int64, volunteer: AccountID, points: Int64, available: Timestamp, expires: Timestamp?) throws {
        var insert = try DirectStatement(self, sql: "INSERT INTO lots (seq, volunteer, points, remaining, available_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?)")
        insert.bind(seq)
        insert.bind(volunteer.text)
        insert.bind(points)
        insert.bind(points)
        insert.bind(available.millisecondsSince1970)
        insert.bind(expires?.millisecondsSince1970)
        try insert.execute()
    }
}
