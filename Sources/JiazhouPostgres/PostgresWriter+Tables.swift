public import JiazhouCore
public import JiazhouStorage

/// The off-chain tables: redemption codes, tokens, cosignatures.
extension PostgresWriter {
    /// How long a used or expired code is kept after its expiry (as on SQLite): a day.
    static let codeRetentionMilliseconds: Int64 = 86_400_000

    public func insertRedemptionCode(hash: Hash, volunteer: AccountID, created: Timestamp, expires: Timestamp) throws -> Bool {
        try execute(
            "INSERT INTO redemption_codes (code_hash, volunteer, created, expires) VALUES ($1, $2, $3, $4) ON CONFLICT (code_hash) DO NOTHING",
            [.bytes(hash.bytes), .text(volunteer.text), .int(created.millisecondsSince1970), .int(expires.millisecondsSince1970)]) == 1
    }

    public func deleteStaleRedemptionCodes(now: Timestamp, limit: Int) throws -> Int {
        try execute(
            "DELETE FROM redemption_codes WHERE code_hash IN (SELECT code_hash FROM redemption_codes WHERE expires <= $1 ORDER BY expires LIMIT $2)",
            [.int(now.millisecondsSince1970 - Self.codeRetentionMilliseconds), .int(Int64(limit))])
    }

    public func markRedemptionCodeUsed(hash: Hash, by seq: Int64) throws -> Bool {
        try execute("UPDATE redemption_codes SET used_seq = $1 WHERE code_hash = $2 AND used_seq IS NULL", [.int(seq), .bytes(hash.bytes)]) == 1
    }

    public func insertToken(principal: AccountID, hash: Hash, created: Timestamp, expires: Timestamp?) throws -> Int64 {
        let rows = try connection.query(
            "INSERT INTO tokens (principal, token_hash, created, expires) VALUES ($1, $2, $3, $4) RETURNING id",
            [.text(principal.text), .bytes(hash.bytes), .int(created.millisecondsSince1970), .int(expires?.millisecondsSince1970)], during: .writing)
        guard let id = try rows.first?.int64(0) else { throw LedgerError(.storage_unavailable, "PostgreSQL returned no token id") }
        return id
    }

    public func revokeToken(id: Int64, at time: Timestamp) throws -> StoredToken? {
        try execute("UPDATE tokens SET revoked = $1 WHERE id = $2 AND revoked IS NULL", [.int(time.millisecondsSince1970), .int(id)])
        return try connection.query("SELECT \(PostgresReader.tokenColumns) FROM tokens WHERE id = $1", [.int(id)]).first.map(PostgresReader.token)
    }

    public func storeCosignature(_ cosignature: StoredCosignature) throws {
        try execute(
            """
            INSERT INTO cosignatures (witness, size, line, "timestamp", verifier_key) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (witness, size) DO UPDATE SET line = EXCLUDED.line, "timestamp" = EXCLUDED."timestamp", verifier_key = EXCLUDED.verifier_key
            """, [.text(cosignature.witness), .int(cosignature.size), .text(cosignature.line), .int(cosignature.timestamp), .text(cosignature.verifierKey)])
    }
}
