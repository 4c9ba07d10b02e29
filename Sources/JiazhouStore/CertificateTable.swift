public import JiazhouCore
public import JiazhouStorage
import GRDB
import Foundation

/// Issued service certificates (志愿服务证明, Ledger/SPEC.md §18): each a
/// snapshot of a volunteer's statement, fetched by anyone who holds its
/// number.
///
/// Off the chain, like `tokens`: issuing one writes no entry, and `verify`
/// does not read this table (each snapshot verifies by itself against the
/// checkpoint it carries). Only the number's SHA-256 is kept, so a copy of
/// the database does not let anyone fetch certificates; the CHECKs bound
/// every column, so a buggy caller cannot store a number in clear or a
/// runaway statement.
enum CertificateTable {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10-certificates") { db in
            try db.execute(sql: """
                CREATE TABLE certificates (
                    id INTEGER PRIMARY KEY,
                    -- SHA-256 of the number's canonical text, never the number.
                    number_hash BLOB NOT NULL UNIQUE CHECK (typeof(number_hash) = 'blob' AND length(number_hash) = 32),
                    volunteer TEXT NOT NULL REFERENCES accounts(id) CHECK (volunteer LIKE 'volunteer:%'),
                    -- Milliseconds since 1970 (UTC).
                    issued INTEGER NOT NULL CHECK (issued >= 0),
                    office TEXT NOT NULL CHECK (length(office) BETWEEN 1 AND 200),
                    issued_by TEXT NOT NULL REFERENCES accounts(id),
                    -- The statement's canonical JSON bytes, as made at `issued`.
                    statement BLOB NOT NULL CHECK (typeof(statement) = 'blob' AND length(statement) BETWEEN 2 AND 8388608)
                );
                """)
        }
    }
}

extension StoredCertificate {
    init(row: Row) throws {
        self.init(
            numberHash: try Self.hash(row["number_hash"] as Data), volunteer: try AccountID(row["volunteer"] as String),
            issued: Timestamp(millisecondsSince1970: row["issued"]), office: row["office"], issuedBy: try AccountID(row["issued_by"] as String),
            statement: [UInt8](row["statement"] as Data))
    }

    private static func hash(_ data: Data) throws(LedgerError) -> Hash {
        guard let hash = Hash(bytes: data) else { throw LedgerError(.ledger_invalid, "a certificate's number hash is not 32 bytes; run `jiazhou verify`") }
        return hash
    }
}

extension StoreReader {
    /// The certificate whose number hashes to `numberHash`, if one was issued.
    public func certificate(numberHash: Hash) throws -> StoredCertificate? {
        // A ledger of an earlier version opened read-only is not migrated: no table, no certificates.
        guard try db.tableExists("certificates") else { return nil }
        return try Row.fetchOne(
            db, sql: "SELECT number_hash, volunteer, issued, office, issued_by, statement FROM certificates WHERE number_hash = ?",
            arguments: [Data(numberHash.bytes)]
        ).map(StoredCertificate.init(row:))
    }
}

extension StoreWriter {
    /// Keeps an issued certificate; `false` if its number hash is taken (a new number is drawn).
    public func insertCertificate(_ certificate: StoredCertificate) throws -> Bool {
        try db.execute(
            sql: """
                INSERT INTO certificates (number_hash, volunteer, issued, office, issued_by, statement) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (number_hash) DO NOTHING
                """,
            arguments: [
                Data(certificate.numberHash.bytes), certificate.volunteer.text, certificate.issued.millisecondsSince1970, certificate.office,
                certificate.issuedBy.text, Data(certificate.statement),
            ])
        return db.changesCount == 1
    }
}
