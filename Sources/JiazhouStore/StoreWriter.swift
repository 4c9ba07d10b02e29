public import JiazhouCore
import GRDB
import Foundation

/// The one writer's view of a write transaction. Every method keeps the
/// ledger's invariants: an entry is appended only at the head, with its
/// balances, movements and Merkle subtrees, in the same transaction.
public struct StoreWriter: LedgerWriting {
    let db: Database
    let cache = TransactionCache()
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
    var sqliteReader: StoreReader { StoreReader(db: db, suite: suite, cache: cache) }

    /// Whether the transaction is still open. SQLite rolls a whole
    /// transaction back on some failures (a full disk); after that nothing
    /// more may run in it, or it would run outside any transaction.
    public var transactionIsOpen: Bool { db.isInsideTransaction }

    /// Writes back what the transaction cache holds; called once, before commit.
    func flush() throws {
        try cache.flush(db: db)
    }

    /// Writes back what the transaction cache holds now, inside the
    /// transaction, so that a bulk load of a million entries keeps a bounded
    /// cache. Only for a write that is first in its transaction (as
    /// ``LedgerService/appendBatch(_:)`` bodies are) and not inside a nested
    /// ``attempt(_:)`` that follows other writes.
    public func writeBack() throws {
        guard cache.mayWriteBack else {
            throw LedgerError(.invalid_request, "a write-back inside a savepoint that follows other writes could lose them if rolled back")
        }
        try cache.flush(db: db)
    }

    /// Runs `body` in a savepoint: if it throws, its writes are undone and the
    /// error rethrown, and the rest of the transaction goes on. This is how one
    /// refused request in a commit group leaves the others intact.
    public mutating func attempt<T>(_ body: (inout any LedgerWriting) throws -> T) throws -> T {
        let saved = head
        let mark = cache.beginSavepoint()
        defer { cache.endSavepoint() }
        var result: Result<T, any Error>!
        do {
            try db.inSavepoint {
                // The body sees this writer boxed; only the head is its own
                // (the database and the cache are shared), so that is what comes back.
                var boxed: any LedgerWriting = self
                defer { head = boxed.head }
                do {
                    result = .success(try body(&boxed))
                    return .commit
                } catch {
                    result = .failure(error)
                    return .rollback
                }
            }
        } catch {
            // When SQLite has already aborted the transaction (a full disk),
            // the rollback fails too; the body's own error says why.
            if case .failure = result {} else { result = .failure(error) }
        }
        if case .failure = result {
            head = saved
            cache.rollback(to: mark)
        }
        return try result.get()
    }

    /// Appends `entry` at the head: stores its canonical bytes and leaf hash,
    /// the Merkle subtrees it completes, and its effect on every account.
    @discardableResult
    public mutating func append(_ entry: Entry) throws -> Entry.Sealed {
        precondition(entry.seq == head.size, "entries are appended at the head: seq \(entry.seq), size \(head.size)")
        precondition(entry.prev == head.last, "prev must be the leaf hash of the last entry")
        let sealed = entry.sealed(using: suite)
        guard sealed.bytes.count <= Limits.entryBytes else {
            throw LedgerError(.too_large, "the entry would be \(sealed.bytes.count) bytes; the limit is \(Limits.entryBytes)")
        }
        var insert = try DirectStatement(db, sql: "INSERT INTO entries (seq, leaf_hash, bytes) VALUES (?, ?, ?)")
        insert.bind(entry.seq)
        insert.bind(blob: sealed.leafHash.bytes)
        insert.bind(blob: sealed.bytes)
        try insert.execute()
        var range = head.range
        for subtree in range.append(sealed.leafHash) {
            cache.addSubtree(level: subtree.level, index: Int64(subtree.index), hash: subtree.hash)
        }
        try index(entry)
        try apply(entry)
        head = LedgerHead(size: head.size + 1, last: sealed.leafHash, range: range)
        return sealed
    }

    /// Keeps the tables derived from kinds: accounts from `account.open`,
    /// reversals from `reverse`, rule sets from `rules.publish`. Because they
    /// follow from the entry alone, `import` rebuilds them by appending.
    private func index(_ entry: Entry) throws {
        switch entry.kind {
        case .genesis:
            for field in ["origin", "verifier_key", "suite"] {
                guard let value = entry.data[field]?.stringValue else { throw LedgerError(.invalid_request, "genesis has no \(field)") }
                try setMeta(field, value)
            }
        case .accountOpen:
            guard let id = entry.data["account"]?.stringValue, let scope = entry.data["scope"]?.stringValue else {
                throw LedgerError(.invalid_request, "account.open needs data.account and data.scope")
            }
            let tags = entry.data["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
            try insertAccount(
                Account(id: try AccountID(id), scope: try Scope(scope), tags: tags, budget: entry.data["budget"]?.integerValue, openedSeq: entry.seq))
        case .accountUpdate:
            try indexAccountUpdate(entry)
            try indexCatalogue(entry)
        case .reverse:
            guard let original = entry.data["seq"]?.integerValue else { throw LedgerError(.invalid_request, "reverse needs data.seq") }
            try db.execute(sql: "INSERT INTO reversals (original_seq, reversal_seq) VALUES (?, ?)", arguments: [original, entry.seq])
        case .rulesPublish:
            guard let version = entry.data["version"]?.integerValue, let hashText = entry.data["hash"]?.stringValue,
                let hash = Hash(hex: hashText), let text = entry.data["text"]?.stringValue
            else { throw LedgerError(.invalid_request, "rules.publish needs data.version, data.hash and data.text") }
            try db.execute(
                sql: "INSERT INTO rulesets (version, seq, hash, text) VALUES (?, ?, ?, ?)", arguments: [version, entry.seq, Data(hash.bytes), text])
        default: break
        }
    }

    private func apply(_ entry: Entry) throws {
        var concerned = entry.effects
        if let volunteer = entry.serviceVolunteer, concerned[volunteer] == nil { concerned[volunteer] = AccountDelta() }
        if entry.kind == .accountOpen || entry.kind == .accountUpdate, let id = entry.data["account"]?.stringValue, let account = try? AccountID(id),
            concerned[account] == nil
        {
            concerned[account] = AccountDelta()
        }
        for (id, delta) in concerned {
            guard var account = try cache.account(id, db: db) else {
                throw LedgerError(.unknown_account, "\(id) is not open")
            }
            if delta != AccountDelta() {
                account.balance += delta.balance
                account.earned += delta.earned
                account.minutes += delta.minutes
                if id.kind.isNonNegative, account.balance < 0 {
                    throw LedgerError(.insufficient_points, "\(id) would go below zero (\(account.balance))")
                }
                cache.set(account, dirty: true)
            }
            cache.addMovement(account: id, seq: entry.seq, points: delta.balance)
        }
        for delta in entry.usageDeltas {
            let key = UsageKey(account: delta.account.text, period: delta.period)
            var figures = try cache.usage(key, db: db)
            figures.points += delta.points
            figures.minutes += delta.minutes
            guard figures.points >= 0, figures.minutes >= 0 else {
                throw LedgerError(.ledger_invalid, "entry \(entry.seq) takes more from \(delta.account)'s \(delta.period) than was counted there")
            }
            cache.setUsage(key, figures)
        }
        for change in entry.lotChanges { try apply(change, in: entry) }
    }

    private func apply(_ change: LotChange, in entry: Entry) throws {
        switch change {
        case .open(let seq, let volunteer, let points, let available, let expires):
            var insert = try DirectStatement(db, sql: "INSERT INTO lots (seq, volunteer, points, remaining, available_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?)")
            insert.bind(seq)
            insert.bind(volunteer.text)
            insert.bind(points)
            insert.bind(points)
            insert.bind(available.millisecondsSince1970)
            insert.bind(expires?.millisecondsSince1970)
            try insert.execute()
        case .take(let seq, let points):
            try db.cachedStatement(sql: "UPDATE lots SET remaining = remaining - ? WHERE seq = ? AND remaining >= ?")
                .execute(arguments: [points, seq, points])
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

    private func insertAccount(_ account: Account) throws {
        let tags = JSONValue.array(account.tags.map(JSONValue.string)).canonicalText
        try db.cachedStatement(sql: "INSERT INTO accounts (id, kind, scope, tags, budget, opened_seq) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [account.id.text, account.id.kind.rawValue, account.scope.path, tags, account.budget, account.openedSeq])
        cache.set(account, dirty: false)
    }

    /// Keeps a person's profile and its salt off the chain.
    public func storeProfile(account: AccountID, salt: [UInt8], profile: String) throws {
        try db.execute(sql: "INSERT INTO profiles (account, salt, profile) VALUES (?, ?, ?)", arguments: [account.text, Data(salt), profile])
    }

    public func recordIdempotency(actor: AccountID, key: String, requestHash: Hash, result: [UInt8]) throws {
        try db.cachedStatement(sql: "INSERT INTO idempotency (actor, key, request_hash, result) VALUES (?, ?, ?, ?)")
            .execute(arguments: [actor.text, key, Data(requestHash.bytes), Data(result)])
    }

    public func storeCheckpoint(size: Int64, root: Hash, note: String) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO checkpoints (size, root, note) VALUES (?, ?, ?)")
            .execute(arguments: [size, Data(root.bytes), note])
    }

    public func setMeta(_ name: String, _ value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", arguments: [name, value])
    }
}
