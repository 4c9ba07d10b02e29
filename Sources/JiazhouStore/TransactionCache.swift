import GRDB
import JiazhouCore
import Foundation

/// What one write transaction has read and changed, kept in memory and
/// written back once before commit: account rows (balances, earned, minutes),
/// usage figures, movements and Merkle subtrees. A group of thousands of awards then costs
/// one UPDATE per account touched and a few multi-row INSERTs, instead of
/// five statements per entry. Reads inside the transaction see these values.
///
/// A class, because every copy of a ``StoreWriter`` in one transaction must
/// share it; savepoints roll it back through an undo log.
final class TransactionCache {
    /// `nil` value: known not to exist.
    private var accounts: [AccountID: Account?] = [:]
    private var dirty: Set<AccountID> = []
    /// `nil` value: no row yet (zero).
    private var usage: [UsageKey: UsageFigures?] = [:]
    private var dirtyUsage: Set<UsageKey> = []
    private var undo: [UndoStep] = []
    private(set) var movements: [(account: String, seq: Int64, points: Int64)] = []
    private(set) var subtrees: [(level: Int, index: Int64, hash: Hash)] = []

    /// A point to roll back to: where an open savepoint began.
    struct Mark {
        fileprivate let undo: Int
        fileprivate let movements: Int
        fileprivate let subtrees: Int
        /// The cache held no pending writes then: rolling back to it is
        /// forgetting everything, since SQLite undoes all that was written.
        fileprivate let startedClean: Bool
    }

    /// Whether each open savepoint began with no pending writes, innermost last.
    private var savepointsStartedClean: [Bool] = []

    private var hasPendingWrites: Bool { !dirty.isEmpty || !dirtyUsage.isEmpty || !movements.isEmpty || !subtrees.isEmpty }

    /// Undo is needed only to roll back to a point with pending writes
    /// before it: the second request of a commit group, say. The first, and
    /// a bulk load, roll back by forgetting, and record nothing.
    private var recordsUndo: Bool { savepointsStartedClean.contains(false) }

    /// Whether pending writes may be written back now. Not inside a savepoint
    /// that began with pending writes: its rollback would take them away
    /// from the database and the cache would no longer hold them.
    var mayWriteBack: Bool { !savepointsStartedClean.contains(false) }

    func beginSavepoint() -> Mark {
        let mark = Mark(undo: undo.count, movements: movements.count, subtrees: subtrees.count, startedClean: !hasPendingWrites)
        savepointsStartedClean.append(mark.startedClean)
        return mark
    }

    func endSavepoint() {
        savepointsStartedClean.removeLast()
    }

    func rollback(to mark: Mark) {
        if mark.startedClean {
            forgetEverything()
            return
        }
        while undo.count > mark.undo {
            switch undo.removeLast() {
            case .account(let id, let previous, let wasDirty):
                accounts[id] = previous
                if wasDirty { dirty.insert(id) } else { dirty.remove(id) }
            case .usage(let key, let previous, let wasDirty):
                usage[key] = previous
                if wasDirty { dirtyUsage.insert(key) } else { dirtyUsage.remove(key) }
            }
        }
        movements.removeLast(movements.count - mark.movements)
        subtrees.removeLast(subtrees.count - mark.subtrees)
    }

    private func forgetEverything() {
        accounts = [:]
        usage = [:]
        dirty = []
        dirtyUsage = []
        undo = []
        movements = []
        subtrees = []
    }

    /// The account as this transaction sees it, reading the database once.
    func account(_ id: AccountID, db: Database) throws -> Account? {
        if let cached = accounts[id] { return cached }
        let account = try StoreReader.fetchAccount(id, db: db)
        // Loaded as the database has it: nothing to undo.
        accounts[id] = .some(account)
        return account
    }

    /// Records a change (or a newly inserted row, `dirty: false`).
    func set(_ account: Account, dirty isDirty: Bool) {
        if recordsUndo { undo.append(.account(account.id, accounts[account.id], wasDirty: dirty.contains(account.id))) }
        accounts[account.id] = .some(account)
        if isDirty { dirty.insert(account.id) }
    }

    /// An account's usage in a period as this transaction sees it.
    func usage(_ key: UsageKey, db: Database) throws -> UsageFigures {
        if let cached = usage[key] { return cached ?? UsageFigures() }
        var select = try DirectStatement(db, sql: "SELECT points, minutes FROM usage WHERE account = ? AND period = ?")
        select.bind(key.account)
        select.bind(key.period)
        let figures = try select.first { UsageFigures(points: $0.int64(0), minutes: $0.int64(1)) }
        usage[key] = .some(figures)
        return figures ?? UsageFigures()
    }

    func setUsage(_ key: UsageKey, _ figures: UsageFigures) {
        if recordsUndo { undo.append(.usage(key, usage[key], wasDirty: dirtyUsage.contains(key))) }
        usage[key] = .some(figures)
        dirtyUsage.insert(key)
    }

    func addMovement(account: AccountID, seq: Int64, points: Int64) {
        movements.append((account.text, seq, points))
    }

    func addSubtree(level: Int, index: Int64, hash: Hash) {
        subtrees.append((level, index, hash))
    }

    private enum UndoStep {
        case account(AccountID, Account??, wasDirty: Bool)
        case usage(UsageKey, UsageFigures??, wasDirty: Bool)
    }

    /// Accounts and usage rows kept in memory across write-backs.
    static let retainedAccounts = 50_000
    static let retainedUsage = 100_000

    /// Writes everything back, before commit. The schema's CHECK constraints
    /// judge the final balances here, as a last guard. Rows go in the order
    /// they were touched: sorting a bulk load's keys cost more than it saved.
    func flush(db: Database) throws {
        var update = try DirectStatement(db, sql: "UPDATE accounts SET balance = ?, earned = ?, minutes = ? WHERE id = ?")
        for id in dirty {
            guard let account = accounts[id] ?? nil else { continue }
            update.bind(account.balance)
            update.bind(account.earned)
            update.bind(account.minutes)
            update.bind(id.text)
            try update.execute()
        }
        let usageKeys = Array(dirtyUsage)
        try db.insertRows(
            into: "usage (account, period, points, minutes)", columns: 4, count: usageKeys.count,
            suffix: "ON CONFLICT (account, period) DO UPDATE SET points = excluded.points, minutes = excluded.minutes"
        ) { i, row in
            let key = usageKeys[i]
            let figures = (usage[key] ?? nil) ?? UsageFigures()
            row.bind(key.account)
            row.bind(key.period)
            row.bind(figures.points)
            row.bind(figures.minutes)
        }
        try db.insertRows(into: "movements (account, seq, points)", columns: 3, count: movements.count) { i, row in
            row.bind(movements[i].account)
            row.bind(movements[i].seq)
            row.bind(movements[i].points)
        }
        try db.insertRows(into: "subtrees (level, idx, hash)", columns: 3, count: subtrees.count) { i, row in
            row.bind(subtrees[i].level)
            row.bind(subtrees[i].index)
            row.bind(blob: subtrees[i].hash.bytes)
        }
        // What was read stays true for the rest of the transaction (this is
        // the one writer), so a bulk load keeps it for its next rows, which
        // mostly touch the same volunteers; past a bound it is forgotten, so
        // that a million accounts never sit in memory.
        if accounts.count > Self.retainedAccounts { accounts = [:] }
        if usage.count > Self.retainedUsage { usage = [:] }
        dirty = []
        dirtyUsage = []
        undo = []
        movements = []
        subtrees = []
    }
}

/// One row of the `usage` table: an account in a period.
struct UsageKey: Hashable {
    let account: String
    let period: String
}

