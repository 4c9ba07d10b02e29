import GRDB
public import JiazhouCore
public import JiazhouStorage

/// SQLite's side of ``TransactionRows``: the committed rows it reads, and
/// the write-back of what a transaction changed.
extension StoreReader: CommittedRows {
    public func committedAccount(_ id: AccountID) throws -> Account? {
        try Self.fetchAccount(id, db: db)
    }

    public func committedUsage(_ key: UsageDelta.Key) throws -> UsageFigures? {
        var select = try DirectStatement(db, sql: "SELECT points, minutes FROM usage WHERE account = ? AND period = ?")
        select.bind(key.account.text)
        select.bind(key.period)
        return try select.first { UsageFigures(points: $0.int64(0), minutes: $0.int64(1)) }
    }
}

extension Database {
    /// One UPDATE per account, multi-row INSERTs for the rest. The schema's
    /// CHECK constraints judge the final balances here, as a last guard.
    func writeBack(_ pending: PendingRows) throws {
        var update = try DirectStatement(self, sql: "UPDATE accounts SET balance = ?, earned = ?, minutes = ? WHERE id = ?")
        for account in pending.accounts {
            update.bind(account.balance)
            update.bind(account.earned)
            update.bind(account.minutes)
            update.bind(account.id.text)
            try update.execute()
        }
        let usage = pending.usage
        try insertRows(
            into: "usage (account, period, points, minutes)", columns: 4, count: usage.count,
            suffix: "ON CONFLICT (account, period) DO UPDATE SET points = excluded.points, minutes = excluded.minutes"
        ) { i, row in
            row.bind(usage[i].key.account.text)
            row.bind(usage[i].key.period)
            row.bind(usage[i].figures.points)
            row.bind(usage[i].figures.minutes)
        }
        let movements = pending.movements
        try insertRows(into: "movements (account, seq, points)", columns: 3, count: movements.count) { i, row in
            row.bind(movements[i].account.text)
            row.bind(movements[i].seq)
            row.bind(movements[i].points)
        }
        let subtrees = pending.subtrees
        try insertRows(into: "subtrees (level, idx, hash)", columns: 3, count: subtrees.count) { i, row in
            row.bind(subtrees[i].level)
            row.bind(subtrees[i].index)
            row.bind(subtrees[i].hash)
        }
    }
}
