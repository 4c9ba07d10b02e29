public import JiazhouCore
import GRDB
import Foundation

/// Bearer tokens for the HTTP transport, kept off the chain: issuing or
/// revoking one is an operator's act on the server, not a ledger entry.
///
/// Only a token's SHA-256 is stored, so a copy of the database does not let
/// anyone act as a principal. The principal is a foreign key to `accounts`:
/// a token can only be bound to an open account or principal.
enum TokenTable {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-tokens") { db in
            try db.execute(sql: """
                CREATE TABLE tokens (
                    id INTEGER PRIMARY KEY,
                    principal TEXT NOT NULL REFERENCES accounts(id),
                    token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
                    -- Milliseconds since 1970 (UTC).
                    created INTEGER NOT NULL,
                    expires INTEGER CHECK (expires IS NULL OR expires > created),
                    revoked INTEGER
                );
                """)
        }
    }
}

extension StoredToken {
    init(row: Row) throws {
        self.init(
            id: row["id"], principal: try AccountID(row["principal"] as String), created: Timestamp(millisecondsSince1970: row["created"]),
            expires: (row["expires"] as Int64?).map(Timestamp.init(millisecondsSince1970:)),
            revoked: (row["revoked"] as Int64?).map(Timestamp.init(millisecondsSince1970:)))
    }
}

extension StoreReader {
    static let tokenColumns = "id, principal, created, expires, revoked"
    /// Built once, as ``StoreReader/selectAccount``: every request with a token reads it.
    static let selectTokenByHash = "SELECT \(tokenColumns) FROM tokens WHERE token_hash = ?"

    /// The token whose SHA-256 is `hash`, if one was issued.
    public func token(hash: Hash) throws -> StoredToken? {
        let statement = try db.cachedStatement(sql: Self.selectTokenByHash)
        return try Row.fetchOne(statement, arguments: [Data(hash.bytes)]).map(StoredToken.init(row:))
    }

    /// Every token ever issued, oldest first.
    public func tokens() throws -> [StoredToken] {
        try Row.fetchAll(db, sql: "SELECT \(Self.tokenColumns) FROM tokens ORDER BY id").map(StoredToken.init(row:))
    }
}

extension StoreWriter {
    /// Stores a new token's hash; returns its id.
    public func insertToken(principal: AccountID, hash: Hash, created: Timestamp, expires: Timestamp?) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO tokens (principal, token_hash, created, expires) VALUES (?, ?, ?, ?)",
            arguments: [principal.text, Data(hash.bytes), created.millisecondsSince1970, expires?.millisecondsSince1970])
        return db.lastInsertedRowID
    }

    /// Marks token `id` revoked at `time`; returns the token as it now is,
    /// or `nil` if there is no such token. Revoking twice keeps the first time.
    public func revokeToken(id: Int64, at time: Timestamp) throws -> StoredToken? {
        try db.execute(sql: "UPDATE tokens SET revoked = ? WHERE id = ? AND revoked IS NULL", arguments: [time.millisecondsSince1970, id])
        return try Row.fetchOne(db, sql: "SELECT \(StoreReader.tokenColumns) FROM tokens WHERE id = ?", arguments: [id]).map(StoredToken.init(row:))
    }
}
