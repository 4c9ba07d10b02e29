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

    /// A point to roll back to.
    struct Mark {
        fileprivate let undo: Int
        fileprivate let movements: Int
        fileprivate let subtrees: Int
    }

    var mark: Mark { Mark(undo: undo.count, movements: movements.count, subtrees: subtrees.count) }

    func rollback(to mark: Mark) {
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

    /// The account as this transaction sees it, reading the database once.
    func account(_ id: AccountID, db: Database) throws -> Account? {
        if let cached = accounts[id] { return cached }
        let row = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT \(StoreReader.accountColumns) FROM accounts WHERE id = ?"), arguments: [id.text])
        let account = try row.map(StoreReader.account)
        // Loaded as the database has it: nothing to undo.
        accounts[id] = .some(account)
        return account
    }

    /// Records a change (or a newly inserted row, `dirty: false`).
    func set(_ account: Account, dirty isDirty: Bool) {
        undo.append(.account(account.id, accounts[account.id], wasDirty: dirty.contains(account.id)))
        accounts[account.id] = .some(account)
        if isDirty { dirty.insert(account.id) }
    }

    /// An account's usage in a period as this transaction sees it.
    func usage(_ key: UsageKey, db: Database) throws -> UsageFigures {
        if let cached = usage[key] { return cached ?? UsageFigures() }
        let row = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT points, minutes FROM usage WHERE account = ? AND period = ?"), arguments: [key.account, key.period])
        let figures = row.map { UsageFigures(points: $0[0], minutes: $0[1]) }
        usage[key] = .some(figures)
        return figures ?? UsageFigures()
    }

    func setUsage(_ key: UsageKey, _ figures: UsageFigures) {
        undo.append(.usage(key, usage[key], wasDirty: dirtyUsage.contains(key)))
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

    /// Rows written per multi-row INSERT.
    static let rowsPerStatement = 200

    /// Writes everything back, before commit. The schema's CHECK constraints
    /// judge the final balances here, as a last guard.
    func flush(db: Database) throws {
        for id in dirty.sorted() {
            guard let account = accounts[id] ?? nil else { continue }
            try db.cachedStatement(sql: "UPDATE accounts SET balance = ?, earned = ?, minutes = ? WHERE id = ?")
                .execute(arguments: [account.balance, account.earned, account.minutes, id.text])
        }
        let usageRows: [[any DatabaseValueConvertible]] = dirtyUsage.sorted(by: { ($0.account, $0.period) < ($1.account, $1.period) }).map { key in
            let figures = (usage[key] ?? nil) ?? UsageFigures()
            return [key.account, key.period, figures.points, figures.minutes]
        }
        try insertRows(
            db, table: "usage (account, period, points, minutes)", usageRows,
            onConflict: "ON CONFLICT (account, period) DO UPDATE SET points = excluded.points, minutes = excluded.minutes")
        try insertRows(db, table: "movements (account, seq, points)", movements.map { [$0.account, $0.seq, $0.points] })
        try insertRows(db, table: "subtrees (level, idx, hash)", subtrees.map { [$0.level, $0.index, Data($0.hash.bytes)] })
        // Forget what was read, too: a bulk load writes back every few
        // thousand entries and must not keep a million accounts in memory.
        accounts = [:]
        usage = [:]
        dirty = []
        dirtyUsage = []
        undo = []
        movements = []
        subtrees = []
    }

    private func insertRows(_ db: Database, table: String, _ rows: [[any DatabaseValueConvertible]], onConflict: String = "") throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + Self.rowsPerStatement, rows.count)]
            let placeholders = "(" + Array(repeating: "?", count: chunk[start].count).joined(separator: ",") + ")"
            let sql = "INSERT INTO \(table) VALUES " + Array(repeating: placeholders, count: chunk.count).joined(separator: ",") + " " + onConflict
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(Array(chunk.joined())))
            start += chunk.count
        }
    }
}

/// One row of the `usage` table: an account in a period.
struct UsageKey: Hashable {
    let account: String
    let period: String
}

/// Points and minutes counted in one period.
public struct UsageFigures: Sendable, Equatable {
    public var points: Int64 = 0
    public var minutes: Int64 = 0

    public init(points: Int64 = 0, minutes: Int64 = 0) {
        self.points = points
        self.minutes = minutes
    }
}
