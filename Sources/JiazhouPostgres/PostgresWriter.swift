public import JiazhouCore
public import JiazhouStorage

/// The writer's view of one PostgreSQL write transaction, holding the head
/// lock (SPEC §17). It keeps what SQLite's StoreWriter keeps, the same way:
/// the entry's bytes and leaf hash, the subtrees it completes, accounts,
/// movements, usage and lots. Entries and lots write through; balances,
/// usage, movements and subtrees are held in ``TransactionRows`` and written
/// back in multi-row statements before COMMIT (a round trip is the cost
/// here): reads within the transaction see them either way.
public struct PostgresWriter: LedgerWriting {
    let connection: Connection
    let state: TransactionState
    public private(set) var head: LedgerHead
    public let suite: HashSuite

    /// Shared by every copy of the writer in one transaction.
    final class TransactionState {
        /// Open savepoints.
        var depth = 0
        /// A statement failed outside any savepoint: PostgreSQL has aborted the transaction.
        var aborted = false
        /// The rows entries maintain, as this transaction has them.
        let rows = TransactionRows()
    }

    init(connection: Connection, suite: HashSuite) throws {
        self.connection = connection
        self.state = TransactionState()
        self.suite = suite
        // Re-read in every transaction, after the lock: another process may have appended since.
        self.head = try PostgresReader(connection: connection, suite: suite).head()
    }

    public var reader: any LedgerReading { PostgresReader(connection: connection, suite: suite, rows: state.rows) }

    /// PostgreSQL aborts a whole transaction on any failed statement outside a savepoint.
    public var transactionIsOpen: Bool { !state.aborted && !connection.isLost }

    @discardableResult
    func execute(_ sql: String, _ values: [Value] = []) throws -> Int {
        do { return try connection.execute(sql, values) } catch {
            if state.depth == 0 { state.aborted = true }
            throw error
        }
    }

    /// Writes back what the transaction holds now (only first in a transaction, as on SQLite).
    public func writeBack() throws {
        guard state.rows.mayWriteBack else {
            throw LedgerError(.invalid_request, "a write-back inside a savepoint that follows other writes could lose them if rolled back")
        }
        try flush()
    }

    /// Writes back what the transaction holds; called before COMMIT.
    func flush() throws {
        try writeRows(state.rows.pending)
        state.rows.wroteBack()
    }

    /// `SAVEPOINT` … `RELEASE`, or `ROLLBACK TO` if `body` throws (and the head comes back).
    public mutating func attempt<T>(_ body: (inout any LedgerWriting) throws -> T) throws -> T {
        let saved = head
        let name = "attempt_\(state.depth)"
        try execute("SAVEPOINT \(name)")
        let mark = state.rows.beginSavepoint()
        defer { state.rows.endSavepoint() }
        state.depth += 1
        var boxed: any LedgerWriting = self
        do {
            let result = try body(&boxed)
            state.depth -= 1
            try execute("RELEASE SAVEPOINT \(name)")
            head = boxed.head
            return result
        } catch {
            state.depth -= 1
            head = saved
            state.rows.rollback(to: mark)
            if !connection.isLost { try execute("ROLLBACK TO SAVEPOINT \(name)") }
            throw error
        }
    }

    /// Appends `entry` at the head: its canonical bytes and leaf hash, the
    /// Merkle subtrees it completes, and its effect on every account.
    @discardableResult
    public mutating func append(_ entry: Entry) throws -> Entry.Sealed {
        let sealed = try TransactionRows.seal(entry, at: head, suite: suite)
        try execute("INSERT INTO entries (seq, leaf_hash, bytes) VALUES ($1, $2, $3)", [.int(entry.seq), .bytes(sealed.leafHash.bytes), .bytes(sealed.bytes)])
        let next = state.rows.extend(head, with: sealed.leafHash)
        for row in try entry.indexRows() { try write(row) }
        try state.rows.apply(entry, from: PostgresReader(connection: connection, suite: suite))
        for change in entry.lotChanges { try apply(change, in: entry) }
        head = next
        return sealed
    }

    public func storeProfile(account: AccountID, salt: [UInt8], profile: String) throws {
        try execute("INSERT INTO profiles (account, salt, profile) VALUES ($1, $2, $3)", [.text(account.text), .bytes(salt), .text(profile)])
    }

    public func recordIdempotency(actor: AccountID, key: String, requestHash: Hash, result: [UInt8]) throws {
        try execute(
            "INSERT INTO idempotency (actor, key, request_hash, result) VALUES ($1, $2, $3, $4)",
            [.text(actor.text), .text(key), .bytes(requestHash.bytes), .bytes(result)])
    }

    public func storeCheckpoint(size: Int64, root: Hash, note: String) throws {
        try execute(
            "INSERT INTO checkpoints (size, root, note) VALUES ($1, $2, $3) ON CONFLICT (size) DO UPDATE SET root = EXCLUDED.root, note = EXCLUDED.note",
            [.int(size), .bytes(root.bytes), .text(note)])
    }

    public func setMeta(_ name: String, _ value: String) throws {
        try execute("INSERT INTO meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value", [.text(name), .text(value)])
    }
}
