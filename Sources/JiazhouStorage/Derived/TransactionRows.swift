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
    /// A row as this transaction sees it, and whether it changed.
    private struct Cached<Value> {
        /// `nil`: known not to exist (an account) or no row yet (usage, zero).
        var value: Value?
        var loaded: Bool
        var dirty: Bool
    }

    // Rows live in arrays, found through small integer slots: an account's
    // id and a period's name are hashed once per lookup, and a million
    // usage rows rehash as integers when the table grows (as strings that
    // was a fifth of a sheet's pricing).
    private var accountSlots: [AccountID: Int] = [:]
    private var accounts: [Cached<Account>] = []
    private var accountIDs: [AccountID] = []
    private var periodSlots: [String: Int] = [:]
    private var usageSlots: [Int: Int] = [:]
    private var usage: [Cached<UsageFigures>] = []
    private var usageKeys: [UsageDelta.Key] = []
    /// Slots changed since the last write-back, in the order first touched.
    private var dirtyAccounts: [Int] = []
    private var dirtyUsage: [Int] = []
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

    /// Slots made since the mark stay: each holds a row as committed (or
    /// not yet loaded), which the rollback leaves true.
    public func rollback(to mark: Mark) {
        if mark.startedClean {
            forgetEverything()
            return
        }
        while undo.count > mark.undo {
            switch undo.removeLast() {
            case .account(let slot, let previous): accounts[slot] = previous
            case .usage(let slot, let previous): usage[slot] = previous
            }
        }
        dirtyAccounts.removeLast(dirtyAccounts.count - mark.dirtyAccounts)
        dirtyUsage.removeLast(dirtyUsage.count - mark.dirtyUsage)
        movements.removeLast(movements.count - mark.movements)
        subtrees.removeLast(subtrees.count - mark.subtrees)
    }

    private func forgetEverything() {
        forgetRows()
        dirtyAccounts = []
        dirtyUsage = []
        undo = []
        movements = []
        subtrees = []
    }

    private func forgetRows() {
        accountSlots = [:]
        accounts = []
        accountIDs = []
        periodSlots = [:]
        usageSlots = [:]
        usage = []
        usageKeys = []
    }

    private func slot(of id: AccountID) -> Int {
        if let slot = accountSlots[id] { return slot }
        let slot = accounts.count
        accountSlots[id] = slot
        accounts.append(Cached(value: nil, loaded: false, dirty: false))
        accountIDs.append(id)
        return slot
    }

    private func loadedSlot(of id: AccountID, from committed: some CommittedRows) throws -> Int {
        let slot = slot(of: id)
        if !accounts[slot].loaded {
            // Loaded as the database has it: nothing to undo.
            accounts[slot] = Cached(value: try committed.committedAccount(id), loaded: true, dirty: false)
        }
        return slot
    }

    private func usageSlot(of key: UsageDelta.Key) -> Int {
        let period: Int
        if let known = periodSlots[key.period] {
            period = known
        } else {
            period = periodSlots.count
            periodSlots[key.period] = period
        }
        precondition(period < 1 << 24, "a transaction holds fewer than 2^24 periods between write-backs")
        let packed = slot(of: key.account) << 24 | period
        if let slot = usageSlots[packed] { return slot }
        let slot = usage.count
        usageSlots[packed] = slot
        usage.append(Cached(value: nil, loaded: false, dirty: false))
        usageKeys.append(key)
        return slot
    }

    private func loadedUsageSlot(of key: UsageDelta.Key, from committed: some CommittedRows) throws -> Int {
        let slot = usageSlot(of: key)
        if !usage[slot].loaded { usage[slot] = Cached(value: try committed.committedUsage(key), loaded: true, dirty: false) }
        return slot
    }

    /// The account as this transaction sees it, reading the committed row once.
    public func account(_ id: AccountID, from committed: some CommittedRows) throws -> Account? {
        accounts[try loadedSlot(of: id, from: committed)].value
    }

    /// A newly inserted account row (already written by the backend).
    public func inserted(_ account: Account) {
        let slot = slot(of: account.id)
        if recordsUndo { undo.append(.account(slot, accounts[slot])) }
        accounts[slot] = Cached(value: account, loaded: true, dirty: false)
    }

    /// Changes an open account's row in place; `false` if it is not open.
    func updateAccount(_ id: AccountID, from committed: some CommittedRows, _ change: (inout Account) throws -> Void) throws -> Bool {
        let slot = try loadedSlot(of: id, from: committed)
        guard var account = accounts[slot].value else { return false }
        try change(&account)
        if recordsUndo { undo.append(.account(slot, accounts[slot])) }
        if !accounts[slot].dirty { dirtyAccounts.append(slot) }
        accounts[slot] = Cached(value: account, loaded: true, dirty: true)
        return true
    }

    /// An account's usage in a period as this transaction sees it.
    public func usage(_ key: UsageDelta.Key, from committed: some CommittedRows) throws -> UsageFigures {
        usage[try loadedUsageSlot(of: key, from: committed)].value ?? UsageFigures()
    }

    /// Adds to an account's usage in a period, unless that would leave a
    /// figure below zero (then `refusal`, and nothing changes).
    func addUsage(
        _ key: UsageDelta.Key, points: Int64, minutes: Int64, from committed: some CommittedRows, refusal: () -> LedgerError
    ) throws {
        let slot = try loadedUsageSlot(of: key, from: committed)
        var figures = usage[slot].value ?? UsageFigures()
        figures.points += points
        figures.minutes += minutes
        guard figures.points >= 0, figures.minutes >= 0 else { throw refusal() }
        if recordsUndo { undo.append(.usage(slot, usage[slot])) }
        if !usage[slot].dirty { dirtyUsage.append(slot) }
        usage[slot] = Cached(value: figures, loaded: true, dirty: true)
    }

    func addMovement(account: AccountID, seq: Int64, points: Int64) {
        movements.append(.init(account: account, seq: seq, points: points))
    }

    public func addSubtree(level: Int, index: Int64, hash: Hash) {
        subtrees.append(.init(level: level, index: index, hash: hash))
    }

    private enum UndoStep {
        case account(Int, Cached<Account>)
        case usage(Int, Cached<UsageFigures>)
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
            accounts: dirtyAccounts.compactMap { accounts[$0].value },
            usage: dirtyUsage.map { (key: usageKeys[$0], figures: usage[$0].value ?? UsageFigures()) },
            movements: movements, subtrees: subtrees)
    }

    /// After a write-back: what was read stays true for the rest of the
    /// transaction (there is one writer), so a bulk load keeps it for its
    /// next rows, which mostly touch the same volunteers; past a bound it is
    /// forgotten, so that a million accounts never sit in memory.
    public func wroteBack() {
        if accounts.count > Self.retainedAccounts || usage.count > Self.retainedUsage {
            forgetRows()
        } else {
            for slot in dirtyAccounts { accounts[slot].dirty = false }
            for slot in dirtyUsage { usage[slot].dirty = false }
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

        public init(account: AccountID, seq: Int64, points: Int64) {
            self.account = account
            self.seq = seq
            self.points = points
        }
    }

    public struct Subtree {
        public let level: Int
        public let index: Int64
        public let hash: Hash

        public init(level: Int, index: Int64, hash: Hash) {
            self.level = level
            self.index = index
            self.hash = hash
        }
    }

    /// Accounts whose balance, earned or minutes changed: UPDATE each.
    public let accounts: [Account]
    /// Usage rows to insert or replace.
    public let usage: [(key: UsageDelta.Key, figures: UsageFigures)]
    public let movements: [Movement]
    public let subtrees: [Subtree]

    public init(accounts: [Account], usage: [(key: UsageDelta.Key, figures: UsageFigures)], movements: [Movement], subtrees: [Subtree]) {
        self.accounts = accounts
        self.usage = usage
        self.movements = movements
        self.subtrees = subtrees
    }
}
