import JiazhouCore
public import JiazhouStorage
import GRDB
import Foundation

/// Witnesses' cosignatures (c2sp.org/tlog-cosignature) of the ledger's
/// checkpoints, as the submitter collected them (Ledger/SPEC.md §16).
///
/// Operational state, like `tokens`: not entries, not in the tree, not part
/// of what `verify` checks. Each row was verified with the witness's key
/// before it was stored, and can be verified again by anyone holding it; a
/// lost row only means a checkpoint shown with one cosignature fewer. One row
/// per (witness, size): a witness that cosigns a size again replaces the row
/// (a newer timestamp for the same statement).
enum CosignatureTable {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-cosignatures") { db in
            try db.execute(sql: """
                CREATE TABLE cosignatures (
                    -- The witness's key name and hex key id, `name+keyid`.
                    witness TEXT NOT NULL CHECK (length(witness) BETWEEN 10 AND 600),
                    size INTEGER NOT NULL REFERENCES checkpoints(size),
                    -- The whole signature line with its newline: `— name base64(keyid ‖ timestamp ‖ signature)`.
                    line TEXT NOT NULL CHECK (length(line) BETWEEN 10 AND 1000),
                    -- Seconds since 1970 (UTC), as the witness wrote it.
                    timestamp INTEGER NOT NULL CHECK (timestamp >= 0),
                    PRIMARY KEY (witness, size)
                ) WITHOUT ROWID;
                CREATE INDEX cosignatures_by_size ON cosignatures (size);
                """)
        }
    }

    /// The witness's verifier key beside its lines, so that `ledger.info`
    /// can publish the key that checked them (the pages check the lines with
    /// it). NULL in the rows kept before: the serve process knew the key
    /// then but did not write it down.
    static func registerVerifierKey(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v11-cosignature-keys") { db in
            // The key names the row's witness: `name+keyid` followed by `+base64`.
            try db.execute(sql: """
                ALTER TABLE cosignatures ADD COLUMN verifier_key TEXT CHECK (
                    verifier_key IS NULL OR (
                        length(verifier_key) BETWEEN 10 AND 700 AND substr(verifier_key, 1, length(witness) + 1) = witness || '+'));
                """)
        }
    }
}

extension StoredCosignature {
    /// A row of `cosignatures`; `verifier_key` is read by name, so a ledger
    /// opened read-only before v11 (no such column) reads as having no key.
    init(row: Row) {
        self.init(witness: row["witness"], size: row["size"], line: row["line"], timestamp: row["timestamp"], verifierKey: row["verifier_key"])
    }
}

extension StoreReader {
    /// The cosignatures collected for the checkpoint of `size`, by witness.
    public func cosignatures(size: Int64) throws -> [StoredCosignature] {
        // A ledger of an earlier version opened read-only is not migrated: no table, no cosignatures.
        guard try db.tableExists("cosignatures") else { return [] }
        return try Row.fetchAll(db, sql: "SELECT * FROM cosignatures WHERE size = ? ORDER BY witness", arguments: [size]).map(StoredCosignature.init(row:))
    }

    /// Each witness's cosignature of the largest size it cosigned, by witness.
    public func latestCosignatures() throws -> [StoredCosignature] {
        guard try db.tableExists("cosignatures") else { return [] }
        // SQLite's bare-column rule: with MAX(), the other columns come from the row holding the maximum
        // (`*`: whichever columns this ledger's version has).
        return try Row.fetchAll(db, sql: "SELECT *, MAX(size) FROM cosignatures GROUP BY witness ORDER BY witness")
            .map(StoredCosignature.init(row:))
    }
}

extension StoreWriter {
    /// Keeps a verified cosignature; a later one for the same witness and size replaces it.
    public func storeCosignature(_ cosignature: StoredCosignature) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO cosignatures (witness, size, line, timestamp, verifier_key) VALUES (?, ?, ?, ?, ?)",
            arguments: [cosignature.witness, cosignature.size, cosignature.line, cosignature.timestamp, cosignature.verifierKey])
    }
}
