public import JiazhouCore
public import JiazhouStorage

/// Rule sets, catalogues, idempotency, and the off-chain tables: codes, tokens, cosignatures.
extension PostgresReader {
    public func currentRuleSetVersion() throws -> Int64? {
        try one("SELECT max(version) FROM rulesets")?.optionalInt64(0)
    }

    public func currentRuleSet() throws -> StoredRuleSet? {
        try one("SELECT version, seq, hash, text FROM rulesets ORDER BY version DESC LIMIT 1").map(Self.ruleSet)
    }

    public func ruleSet(version: Int64) throws -> StoredRuleSet? {
        try one("SELECT version, seq, hash, text FROM rulesets WHERE version = $1", [.int(version)]).map(Self.ruleSet)
    }

    static func ruleSet(_ row: Row) throws -> StoredRuleSet {
        StoredRuleSet(version: try row.int64(0), seq: try row.int64(1), hash: try row.hash(2, what: "rule-set hash"), text: try row.text(3))
    }

    public func catalogue(of merchant: AccountID) throws -> [CatalogueEntry] {
        try rows("SELECT item, points, seq FROM catalogue WHERE merchant = $1 ORDER BY item COLLATE \"C\"", [.text(merchant.text)])
            .map { CatalogueEntry(item: try $0.text(0), points: try $0.int64(1), seq: try $0.int64(2)) }
    }

    public func catalogueItem(_ item: String, of merchant: AccountID) throws -> CatalogueEntry? {
        try one("SELECT item, points, seq FROM catalogue WHERE merchant = $1 AND item = $2", [.text(merchant.text), .text(item)])
            .map { CatalogueEntry(item: try $0.text(0), points: try $0.int64(1), seq: try $0.int64(2)) }
    }

    public func forEachCatalogueItem(_ body: (_ merchant: String, CatalogueEntry) throws -> Void) throws {
        for row in try rows("SELECT merchant, item, points, seq FROM catalogue") {
            try body(try row.text(0), CatalogueEntry(item: try row.text(1), points: try row.int64(2), seq: try row.int64(3)))
        }
    }

    public func idempotency(actor: AccountID, key: String) throws -> (requestHash: [UInt8], result: [UInt8])? {
        try one("SELECT request_hash, result FROM idempotency WHERE actor = $1 AND key = $2", [.text(actor.text), .text(key)])
            .map { (try $0.bytes(0), try $0.bytes(1)) }
    }

    static let redemptionCodeColumns = "code_hash, volunteer, created, expires, used_seq"

    static func redemptionCode(_ row: Row) throws -> StoredRedemptionCode {
        StoredRedemptionCode(
            codeHash: try row.hash(0, what: "a redemption code hash"), volunteer: try AccountID(try row.text(1)),
            created: Timestamp(millisecondsSince1970: try row.int64(2)), expires: Timestamp(millisecondsSince1970: try row.int64(3)),
            usedSeq: try row.optionalInt64(4))
    }

    public func redemptionCode(hash: Hash) throws -> StoredRedemptionCode? {
        try one("SELECT \(Self.redemptionCodeColumns) FROM redemption_codes WHERE code_hash = $1", [.bytes(hash.bytes)]).map(Self.redemptionCode)
    }

    public func forEachUsedRedemptionCode(_ body: (StoredRedemptionCode) throws -> Void) throws {
        for row in try rows("SELECT \(Self.redemptionCodeColumns) FROM redemption_codes WHERE used_seq IS NOT NULL") {
            try body(try Self.redemptionCode(row))
        }
    }

    static let tokenColumns = "id, principal, created, expires, revoked"

    static func token(_ row: Row) throws -> StoredToken {
        StoredToken(
            id: try row.int64(0), principal: try AccountID(try row.text(1)), created: Timestamp(millisecondsSince1970: try row.int64(2)),
            expires: try row.optionalInt64(3).map(Timestamp.init(millisecondsSince1970:)),
            revoked: try row.optionalInt64(4).map(Timestamp.init(millisecondsSince1970:)))
    }

    public func token(hash: Hash) throws -> StoredToken? {
        try one("SELECT \(Self.tokenColumns) FROM tokens WHERE token_hash = $1", [.bytes(hash.bytes)]).map(Self.token)
    }

    public func tokens() throws -> [StoredToken] {
        try rows("SELECT \(Self.tokenColumns) FROM tokens ORDER BY id").map(Self.token)
    }

    /// `verifier_key` through the row as JSON: NULL, not an error, in a
    /// database opened read-only before v11 added the column.
    static let cosignatureColumns = "witness, size, line, \"timestamp\", to_jsonb(cosignatures) ->> 'verifier_key'"

    static func cosignature(_ row: Row) throws -> StoredCosignature {
        StoredCosignature(
            witness: try row.text(0), size: try row.int64(1), line: try row.text(2), timestamp: try row.int64(3),
            verifierKey: try row.optionalText(4))
    }

    public func cosignatures(size: Int64) throws -> [StoredCosignature] {
        try rows("SELECT \(Self.cosignatureColumns) FROM cosignatures WHERE size = $1 ORDER BY witness COLLATE \"C\"", [.int(size)])
            .map(Self.cosignature)
    }

    /// Each witness's cosignature of the largest size it cosigned (SQLite's bare-column MAX, here DISTINCT ON).
    public func latestCosignatures() throws -> [StoredCosignature] {
        try rows(
            "SELECT DISTINCT ON (witness COLLATE \"C\") \(Self.cosignatureColumns) FROM cosignatures ORDER BY witness COLLATE \"C\", size DESC"
        ).map(Self.cosignature)
    }
}
