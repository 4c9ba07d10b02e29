import Foundation
import GRDB
import JiazhouCore
import JiazhouStorage

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
    /// and Merkle subtrees, and the accounts at zero), reads the rows
    /// `batch`'s entries wrote, and returns the seconds it takes to write
    /// those rows again in one durable transaction. The batch must come straight after the accounts were
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
    var entries: [(seq: Int64, leafHash: Hash, bytes: [UInt8])] = []
    var lots: [(seq: Int64, volunteer: AccountID, points: Int64, available: Timestamp, expires: Timestamp?)] = []
    /// What the writer writes back once: the same type, written by the same code.
    let pending: PendingRows

    init(_ db: Database, batch: Range<Int64>) throws {
        let range: StatementArguments = [batch.lowerBound, batch.upperBound]
        for row in try Row.fetchAll(db, sql: "SELECT seq, leaf_hash, bytes FROM source.entries WHERE seq >= ? AND seq < ? ORDER BY seq", arguments: range) {
            entries.append((row[0], try StoreReader.hash(row[1] as Data?, what: "a stored leaf hash"), [UInt8](row[2] as Data)))
        }
        for row in try Row.fetchAll(
            db, sql: "SELECT seq, volunteer, points, available_ms, expires_ms FROM source.lots WHERE seq >= ? AND seq < ? ORDER BY seq", arguments: range)
        {
            lots.append((
                row[0], try AccountID(row[1] as String), row[2], Timestamp(millisecondsSince1970: row[3]),
                (row[4] as Int64?).map(Timestamp.init(millisecondsSince1970:))
            ))
        }
        let movements = try Row.fetchAll(
            db, sql: "SELECT account, seq, points FROM source.movements WHERE seq >= ? AND seq < ? ORDER BY seq", arguments: range
        ).map { row in PendingRows.Movement(account: try AccountID(row[0] as String), seq: row[1], points: row[2]) }
        // Usage as it stands: with nothing before the batch, that is the batch's.
        let usage = try Row.fetchAll(db, sql: "SELECT account, period, points, minutes FROM source.usage").map { row in
            (key: UsageDelta.Key(account: try AccountID(row[0] as String), period: row[1]), figures: UsageFigures(points: row[2], minutes: row[3]))
        }
        // A subtree of `level` and `idx` is completed by the leaf (idx + 1) · 2^level − 1.
        let subtrees = try Row.fetchAll(
            db, sql: "SELECT level, idx, hash FROM source.subtrees WHERE ((idx + 1) << level) - 1 >= ? AND ((idx + 1) << level) - 1 < ?", arguments: range
        ).map { row in
            guard let hash = Hash(bytes: [UInt8](row[2] as Data)) else { throw DatabaseError(message: "a subtree hash is not 32 bytes") }
            return PendingRows.Subtree(level: row[0], index: row[1], hash: hash)
        }
        var accounts: [Account] = []
        var select = try DirectStatement(
            db, scanning: "SELECT \(StoreReader.accountColumns) FROM source.accounts WHERE id IN (SELECT account FROM source.movements WHERE seq >= ? AND seq < ?)")
        select.bind(batch.lowerBound)
        select.bind(batch.upperBound)
        try select.forEach { row in accounts.append(try StoreReader.account(try AccountID(row.text(0)), row)) }
        pending = PendingRows(accounts: accounts, usage: usage, movements: movements, subtrees: subtrees)
    }

    /// Writes the rows as the append does: each entry and its lot as it
    /// goes, the rest once at the end, through the writer's own write-back.
    func write(_ db: Database) throws {
        var lotIndex = 0
        for entry in entries {
            try db.insertEntry(seq: entry.seq, leafHash: entry.leafHash, bytes: entry.bytes)
            while lotIndex < lots.count, lots[lotIndex].seq == entry.seq {
                let lot = lots[lotIndex]
                try db.insertLot(seq: lot.seq, volunteer: lot.volunteer, points: lot.points, available: lot.available, expires: lot.expires)
                lotIndex += 1
            }
        }
        try db.writeBack(pending)
    }
}
