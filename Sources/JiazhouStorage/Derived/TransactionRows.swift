public import JiazhouCore

/// What one write transaction has read and changed of the rows entries
/// maintain (accounts' balances, earned and minutes; usage figures;
/// movements; Merkle subtrees), kept in memory and written back once, by
/// the backend, before commit. A group of thousands of awards then costs one
/// UPDATE per account touched and a few multi-row INSERTs, instead of five
/// statements per entry. Reads inside the transaction see these values.
///
/// The same for every backend: a backend supplies the rows as committed
/// (``CommittedRows``) and writes back ``PendingRows``. A class, because
/// every copy of a writer in one transaction must share it; savepoints roll
/// it back through an undo log.
public final class TransactionRows {
    /// A row as this transaction sees it, and whether it changed (the one
    /// dictionary lookup answers both, where a separate dirty set cost a second hash).
    private struct Cached<Value> {
        /// `nil`: known not to exist (an account) or no row yet (usage, zero).
        var value: Value?
        var dirty: Bool
    }

    private var accounts: [AccountID: Cached<Account>] = [:]
    private var usage: [UsageDelta.Key: Cached<UsageFigures>] = [:]
    /// Keys changed since the last write-back, in the order first touched.
    private var dirtyAccounts: [AccountID] = []
    private var dirtyUsage: [UsageDelta.Key] = []
    private var undo: [UndoStep] = []
    private var movements: [PendingRows.Movement] = []
    private var subtrees: [PendingRows.Subtree] = []

    public init() {}

    /// A point to roll back to: where an open savepoint began.
    public struct Mark {
        fileprivate let undo: Int
        fileprivate let movements: Int
        fileprivate let subtrees: Int
        fileprivate let dirtyAccounts: Int
        fileprivate let dirtyUsage: Int
        /// The cache held no pending writes then: rolling back to it is
        /// forgetting everything, since the database undoes all that was written.
        fileprivate let startedClean: Bool
    }

    /// Whether each open savepoint began with no pending writes, innermost last.
    private var savepointsStartedClean: [Bool] = []

    private var hasPendingWrites: Bool { !dirtyAccounts.isEmpty || !dirtyUsage.isEmpty || !movements.isEmpty || !subtrees.isEmpty }

    /// Undo is needed only to roll back to a point with pending writes
    /// before it: the second request of a commit group, say. The first, and
    /// a bulk load, roll back by forgetting, and record nothing.
    private var recordsUndo: Bool { savepointsStartedClean.contains(false) }

    /// Whether pending writes may be written back now. Not inside a savepoint
    /// that began with pending writes: its rollback would take them away
    /// from the database and the cache would no longer hold them.
    public var mayWriteBack: Bool { !savepointsStartedClean.contains(false) }

    public func beginSavepoint() -> Mark {
        let mark = Mark(
            undo: undo.count, movements: movements.count, subtrees: subtrees.count, dirtyAccounts: dirtyAccounts.count,
            dirtyUsage: dirtyUsage.count, startedClean: !hasPendingWrites)
        savepointsStartedClean.append(mark.startedClean)
        return mark
    }

    public func endSavepoint() {
        savepointsStartedClean.removeLast()
    }

    public func rollback(to mark: Mark) {
        if mark.startedClean {
            forgetEverything()
            return
        }
        while undo.count > mark.undo {
            switch undo.removeLast() {
            case .account(let id, let previous): accounts[id] = previous
            case .usage(let key, let previous): usage[key] = previous
            }
        }
        dirtyAccounts.removeLast(dirtyAccounts.count - mark.dirtyAccounts)
        dirtyUsage.removeLast(dirtyUsage.count - mark.dirtyUsage)
        movements.removeLast(movements.count - mark.movements)
        subtrees.removeLast(subtrees.count - mark.subtrees)
    }

    private func forgetEverything() {
        accounts = [:]
        usage = [:]
        dirtyAccounts = []
        dirtyUsage = []
        undo = []
        movements = []
        subtrees = []
    }

    /// The account as this transaction sees it, reading the committed row once.
    public func account(_ id: AccountID, from committed: some CommittedRows) throws -> Account? {
        if let cached = accounts[id] { return cached.value }
        let account = try committed.committedAccount(id)
        // Loaded as the database has it: nothing to undo.
        accounts[id] = Cached(value: account, dirty: false)
        return account
    }

    /// A newly inserted account row (already written by the backend).
    public func inserted(_ account: Account) {
        if recordsUndo { undo.append(.account(account.id, accounts[account.id])) }
        accounts[account.id] = Cached(value: account, dirty: false)
    }

    /// Records a change to a row read through ``account(_:from:)``.
    func set(_ account: Account) {
        let previous = accounts[account.id]
        if recordsUndo { undo.append(.account(account.id, previous)) }
        if previous?.dirty != true { dirtyAccounts.append(account.id) }
        accounts[account.id] = Cached(value: account, dirty: true)
    }

    /// An account's usage in a period as this transaction sees it.
    public func usage(_ key: UsageDelta.Key, from committed: some CommittedRows) throws -> UsageFigures {
        if let cached = usage[key] { return cached.value ?? UsageFigures() }
        let figures = try committed.committedUsage(key)
        usage[key] = Cached(value: figures, dirty: false)
        return figures ?? UsageFigures()
    }

    func setUsage(_ key: UsageDelta.Key, _ figures: UsageFigures) {
        let previous = usage[key]
        if recordsUndo { undo.append(.usage(key, previous)) }
        if previous?.dirty != true { dirtyUsage.append(key) }
        usage[key] = Cached(value: figures, dirty: true)
    }

    func addMovement(account: AccountID, seq: Int64, points: Int64) {
        movements.append(.init(account: account, seq: seq, points: points))
    }

    public func addSubtree(level: Int, index: Int64, hash: Hash) {
        subtrees.append(.init(level: level, index: index, hash: hash))
    }

    private enum UndoStep {
        case account(AccountID, Cached<Account>?)
        case usage(UsageDelta.Key, Cached<UsageFigures>?)
    }

    /// Accounts and usage rows kept in memory across write-backs.
    static let retainedAccounts = 50_000
    static let retainedUsage = 100_000

    /// What to write back now. The backend writes it (its CHECK constraints
    /// judging the final balances, as a last guard), then calls ``wroteBack()``.
    /// Rows come in the order they were first touched: sorting a bulk load's
    /// keys cost more than it saved.
    public var pending: PendingRows {
        PendingRows(
            accounts: dirtyAccounts.compactMap { accounts[$0]?.value },
            usage: dirtyUsage.map { (key: $0, figures: usage[$0]?.value ?? UsageFigures()) },
            movements: movements, subtrees: subtrees)
    }

    /// After a write-back: what was read stays true for the rest of the
    /// transaction (there is one writer), so a bulk load keeps it for its
    /// next rows, which mostly touch the same volunteers; past a bound it is
    /// forgotten, so that a million accounts never sit in memory.
    public func wroteBack() {
        if accounts.count > Self.retainedAccounts {
            accounts = [:]
        } else {
            for id in dirtyAccounts { accounts[id]?.dirty = false }
        }
        if usage.count > Self.retainedUsage {
            usage = [:]
        } else {
            for key in dirtyUsage { usage[key]?.dirty = false }
        }
        dirtyAccounts = []
        dirtyUsage = []
        undo = []
        movements = []
        subtrees = []
    }
}

/// The rows of the tables entries maintain, as committed before this
/// transaction touched them: what a backend reads for ``TransactionRows``.
public protocol CommittedRows {
    func committedAccount(_ id: AccountID) throws -> Account?
    /// `nil`: no row (nothing counted yet).
    func committedUsage(_ key: UsageDelta.Key) throws -> UsageFigures?
}

/// What a transaction has changed and not yet written back.
public struct PendingRows {
    public struct Movement {
        public let account: AccountID
        public let seq: Int64
        public let points: Int64
    }

    public struct Subtree {
        public let level: Int
        public let index: Int64
        public let hash: Hash
    }

    /// Accounts whose balance, earned or minutes changed: UPDATE each.
    public let accounts: [Account]
    /// Usage rows to insert or replace.
    public let usage: [(key: UsageDelta.Key, figures: UsageFigures)]
    public let movements: [Movement]
    public let subtrees: [Subtree]
}
