public import JiazhouCore
import GRDB
import Foundation

/// One-time redemption codes, kept off the chain: a code is a volunteer's
/// permission for one redemption, not points, so issuing one writes no
/// entry. Like idempotency records, this is operational state: `import`
/// does not rebuild it and `verify` only checks that every code marked used
/// names the redemption that used it.
///
/// Only a code's SHA-256 is stored, so a copy of the database cannot be
/// spent at a till. `used_seq` is set in the redemption's own transaction;
/// `WHERE used_seq IS NULL` makes a second use impossible even for a buggy
/// caller.
///
/// Codes do not stay for ever: once a code is ``retentionMilliseconds``
/// past its expiry, used or not, it is deleted (a few at each new code, all
/// at each `expire` run). Until then a till retrying it hears `code_used`
/// or `code_expired`, not `unknown_code` (which would count as a guess).
enum RedemptionCodeTable {
    /// How long a code is kept after it expired: a day.
    static let retentionMilliseconds: Int64 = 86_400_000

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-redemption") { db in
            try db.execute(sql: """
                CREATE TABLE redemption_codes (
                    code_hash BLOB PRIMARY KEY CHECK (length(code_hash) = 32),
                    volunteer TEXT NOT NULL REFERENCES accounts(id),
                    -- Milliseconds since 1970 (UTC).
                    created INTEGER NOT NULL,
                    expires INTEGER NOT NULL CHECK (expires > created),
                    used_seq INTEGER UNIQUE REFERENCES entries(seq) DEFERRABLE INITIALLY DEFERRED
                ) WITHOUT ROWID;
                """)
        }
    }

    /// Registered after the migrations before it shipped: stale codes are found by expiry.
    static func registerExpiryIndex(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-redemption-code-expiry") { db in
            try db.execute(sql: "CREATE INDEX redemption_codes_by_expiry ON redemption_codes (expires)")
        }
    }
}

extension StoreReader {
    static let redemptionCodeColumns = "code_hash, volunteer, created, expires, used_seq"
    /// Built once, as ``StoreReader/selectAccount``.
    static let selectRedemptionCode = "SELECT \(redemptionCodeColumns) FROM redemption_codes WHERE code_hash = ?"

    /// The code whose SHA-256 is `hash`, if one was issued. (Through a
    /// direct statement, as the writes below: a till's redemption reads and
    /// writes its code in the writer's transaction.)
    public func redemptionCode(hash: Hash) throws -> StoredRedemptionCode? {
        var select = try DirectStatement(db, sql: Self.selectRedemptionCode)
        select.bind(blob: hash.bytes)
        return try select.first(Self.redemptionCode)
    }

    /// A code from the columns of ``redemptionCodeColumns``.
    static func redemptionCode(_ row: DirectRow) throws -> StoredRedemptionCode {
        guard let stored = Hash(bytes: row.blob(0)) else { throw LedgerError(.ledger_invalid, "a redemption code hash is not 32 bytes") }
        return StoredRedemptionCode(
            codeHash: stored, volunteer: try AccountID(row.text(1)), created: Timestamp(millisecondsSince1970: row.int64(2)),
            expires: Timestamp(millisecondsSince1970: row.int64(3)), usedSeq: row.optionalInt64(4))
    }

    /// Every code some redemption used, with that redemption's seq; for `verify`.
    public func forEachUsedRedemptionCode(_ body: (StoredRedemptionCode) throws -> Void) throws {
        var select = try DirectStatement(db, scanning: "SELECT \(Self.redemptionCodeColumns) FROM redemption_codes WHERE used_seq IS NOT NULL")
        try select.forEach { row in try body(try Self.redemptionCode(row)) }
    }
}

extension StoreWriter {
    /// Stores a new code's hash; refuses (returns false) if a live or spent
    /// code already has that hash, so the caller draws another.
    public func insertRedemptionCode(hash: Hash, volunteer: AccountID, created: Timestamp, expires: Timestamp) throws -> Bool {
        // Only a taken hash is passed over; any other violation is an error.
        var insert = try DirectStatement(
            db, sql: "INSERT INTO redemption_codes (code_hash, volunteer, created, expires) VALUES (?, ?, ?, ?) ON CONFLICT (code_hash) DO NOTHING")
        insert.bind(blob: hash.bytes)
        insert.bind(volunteer.text)
        insert.bind(created.millisecondsSince1970)
        insert.bind(expires.millisecondsSince1970)
        try insert.execute()
        return db.changesCount == 1
    }

    /// Deletes up to `limit` codes, used or not, that expired
    /// ``RedemptionCodeTable/retentionMilliseconds`` or more before `now`;
    /// returns how many.
    @discardableResult
    public func deleteStaleRedemptionCodes(now: Timestamp, limit: Int) throws -> Int {
        var delete = try DirectStatement(
            db, sql: "DELETE FROM redemption_codes WHERE code_hash IN (SELECT code_hash FROM redemption_codes WHERE expires <= ? ORDER BY expires LIMIT ?)")
        delete.bind(now.millisecondsSince1970 - RedemptionCodeTable.retentionMilliseconds)
        delete.bind(limit)
        try delete.execute()
        return db.changesCount
    }

    /// Marks the code used by redemption `seq`; false if it was already used.
    public func markRedemptionCodeUsed(hash: Hash, by seq: Int64) throws -> Bool {
        var update = try DirectStatement(db, sql: "UPDATE redemption_codes SET used_seq = ? WHERE code_hash = ? AND used_seq IS NULL")
        update.bind(seq)
        update.bind(blob: hash.bytes)
        try update.execute()
        return db.changesCount == 1
    }
}
