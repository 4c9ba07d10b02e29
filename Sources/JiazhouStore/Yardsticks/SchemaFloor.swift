import Foundation
import GRDB

/// The batched append's second yardstick, beside ``PlainBaseline``: the rows
/// the ledger's own schema keeps for a batch of awards (each entry and its
/// lot; the movements, usage, Merkle subtrees and account figures written
/// back once), written into a fresh ledger database with prepared
/// statements and nothing else: no pricing, no canonical JSON, no hashing.
/// What an append costs beyond this is the ledger's code; what this costs
/// beyond the plain insert is the schema's (its rows, keys, CHECKs, foreign
/// keys and indexes).
public enum SchemaFloor {
    /// Copies into a new database at `path` what the entries before
    /// `batch` left in the ledger at `source` (the entries, their movements
    /// and Merkle subtrees, and the accounts at zero), reads the rows `batch`'s entries wrote, and returns the
    /// seconds it takes to write those rows again in one durable
    /// transaction. The batch must come straight after the accounts were
    /// opened, with no award before it (as in `jiazhou bench`): otherwise it
    /// is refused.
    public static func writeRows(of batch: Range<Int64>, from source: String, into path: String) throws -> Double {
        guard !FileManager.default.fileExists(atPath: path) else { throw DatabaseError(message: "\(path) already exists") }
        let pool = try DatabasePool(path: path, configuration: LedgerStore.configuration(readonly: false))
        try Schema.migrator.migrate(pool)
        let rows = try pool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source])
            defer { try? db.execute(sql: "DETACH DATABASE source") }
            // Every award opens a lot: none before the batch means no usage before it either.
            let earlierLots = try Int.fetchOne(db, sql: "SELECT count(*) FROM source.lots WHERE seq < ?", arguments: [batch.lowerBound]) ?? 0
            guard earlierLots == 0 else { throw DatabaseError(message: "the batch does not start before the ledger's first award") }
            try db.inTransaction {
                try db.execute(sql: "INSERT INTO entries SELECT * FROM source.entries WHERE seq < ?", arguments: [batch.lowerBound])
                try db.execute(sql: "INSERT INTO accounts (id, kind, scope, tags, budget, opened_seq) SELECT id, kind, scope, tags, budget, opened_seq FROM source.accounts")
                try db.execute(sql: "INSERT INTO movements SELECT * FROM source.movements WHERE seq < ?", arguments: [batch.lowerBound])
                try db.execute(sql: "INSERT INTO subtrees SELECT * FROM source.subtrees WHERE ((idx + 1) << level) - 1 < ?", arguments: [batch.lowerBound])
                return .commit
            }
            return try BatchRows(db, batch: batch)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        try pool.write { db in try rows.write(db) }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// The rows of one batch, read from the attached `source` ledger.
private struct BatchRows {
    var entries: [(seq: Int64, leafHash: [UInt8], bytes: [UInt8])] = []
    var lots: [(seq: Int64, volunteer: String, points: Int64, available: Int64, expires: Int64?)] = []
    var movements: [(account: String, seq: Int64, points: Int64)] = []
    var usage: [(account: String, period: String, points: Int64, minutes: Int64)] = []
    var subtrees: [(level: Int64, index: Int64, hash: [UInt8])] = []
    var accounts: [(id: String, balance: Int64, earned: Int64, minutes: Int64)] = []

    init(_ db: Database, batch: Range<Int64>) throws {
        let range: StatementArguments = [batch.lowerBound, batch.upperBound]
        for row in try Row.fetchAll(db, sql: "SELECT seq, leaf_hash, bytes FROM source.entries WHERE seq >= ? AND seq < ? ORDER BY seq", arguments: range) {
            entries.append((row[0], [UInt8](row[1] as Data), [UInt8](row[2] as Data)))
        }
        for row in try Row.fetchAll(
            db, sql: "SELECT seq, volunteer, points, available_ms, expires_ms FROM source.lots WHERE seq >= ? AND seq < ? ORDER BY seq", arguments: range)
        {
            lots.append((row[0], row[1], row[2], row[3], row[4]))
        }
        for row in try Row.fetchAll(db, sql: "SELECT account, seq, points FROM source.movements WHERE seq >= ? AND seq < ? ORDER BY seq", arguments: range) {
            movements.append((row[0], row[1], row[2]))
        }
        // Usage as it stands: with nothing before the batch, that is the batch's.
        for row in try Row.fetchAll(db, sql: "SELECT account, period, points, minutes FROM source.usage") {
            usage.append((row[0], row[1], row[2], row[3]))
        }
        // A subtree of `level` and `idx` is completed by the leaf (idx + 1) · 2^level − 1.
        for row in try Row.fetchAll(
            db, sql: "SELECT level, idx, hash FROM source.subtrees WHERE ((idx + 1) << level) - 1 >= ? AND ((idx + 1) << level) - 1 < ?", arguments: range)
        {
            subtrees.append((row[0], row[1], [UInt8](row[2] as Data)))
        }
        for row in try Row.fetchAll(
            db, sql: "SELECT id, balance, earned, minutes FROM source.accounts WHERE id IN (SELECT account FROM source.movements WHERE seq >= ? AND seq < ?)",
            arguments: range)
        {
            accounts.append((row[0], row[1], row[2], row[3]))
        }
    }

    /// Writes the rows as the append does: each entry and its lot as it
    /// goes, the rest once at the end (``Database/writeBack(_:)``).
    func write(_ db: Database) throws {
        var lotIndex = 0
        for entry in entries {
            var insert = try DirectStatement(db, sql: "INSERT INTO entries (seq, leaf_hash, bytes) VALUES (?, ?, ?)")
            insert.bind(entry.seq)
            insert.bind(blob: entry.leafHash)
            insert.bind(blob: entry.bytes)
            try insert.execute()
            while lotIndex < lots.count, lots[lotIndex].seq == entry.seq {
                let lot = lots[lotIndex]
                var insertLot = try DirectStatement(
                    db, sql: "INSERT INTO lots (seq, volunteer, points, remaining, available_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?)")
                insertLot.bind(lot.seq)
                insertLot.bind(lot.volunteer)
                insertLot.bind(lot.points)
                insertLot.bind(lot.points)
                insertLot.bind(lot.available)
                insertLot.bind(lot.expires)
                try insertLot.execute()
                lotIndex += 1
            }
        }
        var update = try DirectStatement(db, sql: "UPDATE accounts SET balance = ?, earned = ?, minutes = ? WHERE id = ?")
        for account in accounts {
            update.bind(account.balance)
            update.bind(account.earned)
            update.bind(account.minutes)
            update.bind(account.id)
            try update.execute()
        }
        try db.insertRows(
            into: "usage (account, period, points, minutes)", columns: 4, count: usage.count,
            suffix: "ON CONFLICT (account, period) DO UPDATE SET points = excluded.points, minutes = excluded.minutes"
        ) { i, row in
            row.bind(usage[i].account)
            row.bind(usage[i].period)
            row.bind(usage[i].points)
            row.bind(usage[i].minutes)
        }
        try db.insertRows(into: "movements (account, seq, points)", columns: 3, count: movements.count) { i, row in
            row.bind(movements[i].account)
            row.bind(movements[i].seq)
            row.bind(movements[i].points)
        }
        try db.insertRows(into: "subtrees (level, idx, hash)", columns: 3, count: subtrees.count) { i, row in
            row.bind(subtrees[i].level)
            row.bind(subtrees[i].index)
            row.bind(blob: subtrees[i].hash)
        }
    }
}
