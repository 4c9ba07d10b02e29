import Foundation
import JiazhouCore
public import JiazhouService

/// Ledger/SPEC.md §11.1 "Tamper matrix": one direct SQL edit per row of a
/// real ledger, and what `verify` then says. Every table and column of the
/// schema appears; an edit is either caught (at the seq where it starts,
/// where there is one) or harmless to the ledger. The same rows run on a
/// SQLite file (JiazhouCLITests) and on PostgreSQL tables (JiazhouPostgresTests).
public enum TamperMatrix {
    public enum Outcome: Sendable, CustomStringConvertible {
        /// verify fails with a problem containing `text`, at `seq` when given.
        case caught(seq: Int64?, _ text: String)
        /// verify passes: the edit does not touch what the ledger proves.
        case harmless
        /// The file is no longer opened as a ledger.
        case refused(_ text: String)

        public var description: String {
            switch self {
            case .caught(let seq, let text): "caught at \(seq.map(String.init) ?? "-"): \(text)"
            case .harmless: "harmless"
            case .refused(let text): "refused: \(text)"
            }
        }
    }

}

extension TamperMatrix.Outcome {
    /// Why what `verify` did (a report, or the ledger refused) is not this
    /// outcome, or nil when it is.
    public func mismatch(_ verified: Result<VerifyReport, any Error>) -> String? {
        switch (self, verified) {
        case (.refused(let text), .failure(let error)):
            let message = (error as? LedgerError)?.message ?? "\(error)"
            return message.contains(text) ? nil : "refused, but not saying \"\(text)\": \(message)"
        case (_, .failure(let error)): return "verify failed: \(error)"
        case (.refused, .success(let report)): return "the ledger opened: \(report.problems)"
        case (.harmless, .success(let report)): return report.ok ? nil : "not harmless: \(report.problems)"
        case (.caught(let seq, let text), .success(let report)):
            let matching = report.problems.filter { $0.problem.contains(text) }
            if matching.isEmpty { return "no problem says \"\(text)\": \(report.problems)" }
            if let seq, !matching.contains(where: { $0.seq == seq }) { return "not at \(seq): \(matching)" }
            return nil
        }
    }
}

extension TamperMatrix {
    public struct Row: Sendable, CustomStringConvertible {
        public let table: String
        public let column: String
        /// The edit, in SQLite's dialect; ``postgresSQL`` translates it.
        public let sql: String
        public let outcome: Outcome
        public var description: String { "\(table).\(column): \(outcome)" }
    }

    public static let v1 = "volunteer:V000001"

    /// The template (below) holds: the district, seqs 0–17; awards 18 (V1,
    /// key a1), 19 (V2), 20 (V1), 21 (V3); 22 reverses 21; 23 is V1's
    /// redemption of 5 points at the café with a code; a second code unused;
    /// 24 sets the café's catalogue, 25 suspends V3; one token.
    public static let rows: [Row] = [
        Row(table: "meta", column: "value (format)", sql: "UPDATE meta SET value = 'x' WHERE name = 'format'", outcome: .refused("is not a Jiazhou ledger")),
        Row(table: "meta", column: "value (origin)", sql: "UPDATE meta SET value = 'evil.example' WHERE name = 'origin'", outcome: .caught(seq: 0, "meta.origin")),
        Row(table: "meta", column: "value (suite)", sql: "UPDATE meta SET value = 'sm3-sm2' WHERE name = 'suite'", outcome: .caught(seq: 0, "meta.suite")),
        Row(table: "meta", column: "value (verifier_key)", sql: "UPDATE meta SET value = 'x+00000000+AAAA' WHERE name = 'verifier_key'",
            outcome: .caught(seq: 0, "genesis names another verifier key")),
        Row(table: "meta", column: "name", sql: "UPDATE meta SET name = 'origin2' WHERE name = 'origin'", outcome: .caught(seq: 0, "meta.origin is missing")),
        Row(table: "entries", column: "bytes", sql: "UPDATE entries SET bytes = CAST(replace(CAST(bytes AS TEXT), '\"minutes\":120', '\"minutes\":121') AS BLOB) WHERE seq = 19",
            outcome: .caught(seq: 19, "stored leaf hash does not match")),
        Row(table: "entries", column: "leaf_hash", sql: "UPDATE entries SET leaf_hash = zeroblob(32) WHERE seq = 20", outcome: .caught(seq: 20, "stored leaf hash does not match")),
        Row(table: "entries", column: "seq", sql: "UPDATE entries SET seq = 1000 WHERE seq = 25", outcome: .caught(seq: 25, "entries 25..<1000 are missing")),
        Row(table: "entries", column: "(row)", sql: "DELETE FROM entries WHERE seq = 25", outcome: .caught(seq: 25, "a checkpoint was signed at size 26 but the ledger has only 25")),
        Row(table: "subtrees", column: "hash", sql: "UPDATE subtrees SET hash = zeroblob(32) WHERE level = 1 AND idx = 9", outcome: .caught(seq: 19, "subtree (1, 9) is wrong")),
        Row(table: "subtrees", column: "level, idx", sql: "UPDATE subtrees SET idx = 99 WHERE level = 1 AND idx = 9", outcome: .caught(seq: 19, "subtree (1, 9) is missing")),
        Row(table: "accounts", column: "balance", sql: "UPDATE accounts SET balance = balance + 1 WHERE id = '\(v1)'", outcome: .caught(seq: nil, "\(v1): stored balance")),
        Row(table: "accounts", column: "earned", sql: "UPDATE accounts SET earned = earned + 1 WHERE id = '\(v1)'", outcome: .caught(seq: nil, "\(v1): stored earned")),
        Row(table: "accounts", column: "minutes", sql: "UPDATE accounts SET minutes = minutes + 1 WHERE id = '\(v1)'", outcome: .caught(seq: nil, "\(v1): stored minutes")),
        Row(table: "accounts", column: "scope", sql: "UPDATE accounts SET scope = 'shizhong' WHERE id = '\(v1)'", outcome: .caught(seq: 13, "stored scope or opening seq")),
        Row(table: "accounts", column: "opened_seq", sql: "UPDATE accounts SET opened_seq = 3 WHERE id = '\(v1)'", outcome: .caught(seq: 13, "stored scope or opening seq")),
        Row(table: "accounts", column: "tags", sql: "UPDATE accounts SET tags = '[]' WHERE id = '\(v1)'", outcome: .caught(seq: 13, "stored tags or budget")),
        Row(table: "accounts", column: "budget", sql: "UPDATE accounts SET budget = 1 WHERE id = 'issuer:shizhong'", outcome: .caught(seq: nil, "issuer:shizhong: stored tags or budget")),
        Row(table: "accounts", column: "kind", sql: "UPDATE accounts SET kind = 'merchant' WHERE id = '\(v1)'", outcome: .caught(seq: 13, "is stored with kind merchant")),
        Row(table: "accounts", column: "id", sql: "UPDATE accounts SET id = 'volunteer:V000009' WHERE id = 'volunteer:V000005'",
            outcome: .caught(seq: nil, "volunteer:V000009 is in the accounts table but no entry opens it")),
        Row(table: "movements", column: "points", sql: "UPDATE movements SET points = 0 WHERE account = '\(v1)' AND seq = 18", outcome: .caught(seq: 18, "history (movements) differs")),
        Row(table: "movements", column: "seq", sql: "UPDATE movements SET seq = 19 WHERE account = '\(v1)' AND seq = 20", outcome: .caught(seq: 19, "history (movements) differs")),
        Row(table: "movements", column: "account", sql: "UPDATE movements SET account = 'volunteer:V000004' WHERE account = '\(v1)' AND seq = 20",
            outcome: .caught(seq: 20, "history (movements) differs")),
        Row(table: "movements", column: "(row)", sql: "DELETE FROM movements WHERE account = '\(v1)' AND seq = 23", outcome: .caught(seq: 23, "history (movements) differs")),
        Row(table: "reversals", column: "reversal_seq", sql: "UPDATE reversals SET reversal_seq = 23", outcome: .caught(seq: nil, "the reversals table does not match")),
        Row(table: "reversals", column: "original_seq", sql: "UPDATE reversals SET original_seq = 20", outcome: .caught(seq: nil, "the reversals table does not match")),
        Row(table: "rulesets", column: "text", sql: "UPDATE rulesets SET text = text || ' '", outcome: .caught(seq: 4, "rule set v1 differs")),
        Row(table: "rulesets", column: "hash", sql: "UPDATE rulesets SET hash = zeroblob(32)", outcome: .caught(seq: 4, "rule set v1 differs")),
        Row(table: "rulesets", column: "seq", sql: "UPDATE rulesets SET seq = 3", outcome: .caught(seq: 4, "rule set v1 differs")),
        Row(table: "rulesets", column: "version", sql: "UPDATE rulesets SET version = 2", outcome: .caught(seq: 4, "rule set v1 differs")),
        Row(table: "checkpoints", column: "root", sql: "UPDATE checkpoints SET root = zeroblob(32) WHERE size = 20", outcome: .caught(seq: 19, "signs another root")),
        Row(table: "checkpoints", column: "note", sql: "UPDATE checkpoints SET note = (SELECT note FROM checkpoints WHERE size = 19) WHERE size = 20",
            outcome: .caught(seq: 19, "the signed note at size 20 says size 19")),
        Row(table: "checkpoints", column: "size", sql: "UPDATE checkpoints SET size = 30 WHERE size = 26", outcome: .caught(seq: 26, "a checkpoint was signed at size 30")),
        Row(table: "checkpoints", column: "(latest row)", sql: "DELETE FROM checkpoints WHERE size = 26", outcome: .caught(seq: 25, "covered by no signed checkpoint")),
        Row(table: "checkpoints", column: "(older row)", sql: "DELETE FROM checkpoints WHERE size = 20", outcome: .harmless),
        Row(table: "profiles", column: "profile", sql: "UPDATE profiles SET profile = replace(profile, '测试', '假') WHERE account = '\(v1)'",
            outcome: .caught(seq: 13, "does not open the commitment")),
        Row(table: "profiles", column: "salt", sql: "UPDATE profiles SET salt = zeroblob(32) WHERE account = '\(v1)'", outcome: .caught(seq: 13, "does not open the commitment")),
        Row(table: "profiles", column: "account", sql: "UPDATE profiles SET account = 'volunteer:V000009' WHERE account = '\(v1)'",
            outcome: .caught(seq: nil, "the profile of volunteer:V000009 does not open the commitment")),
        Row(table: "profiles", column: "(row)", sql: "DELETE FROM profiles WHERE account = '\(v1)'", outcome: .harmless),
        Row(table: "usage", column: "points", sql: "UPDATE usage SET points = points + 5 WHERE account = '\(v1)' AND period LIKE 'day:%'", outcome: .caught(seq: nil, "stored usage")),
        Row(table: "usage", column: "minutes", sql: "UPDATE usage SET minutes = 0 WHERE account = '\(v1)' AND period LIKE 'month:%'", outcome: .caught(seq: nil, "stored usage")),
        Row(table: "usage", column: "period", sql: "UPDATE usage SET period = 'day:2020-01-01' WHERE account = '\(v1)' AND period LIKE 'day:%'",
            outcome: .caught(seq: nil, "stored usage")),
        Row(table: "usage", column: "account", sql: "UPDATE usage SET account = 'volunteer:V000005' WHERE account = '\(v1)' AND period LIKE 'week:%'",
            outcome: .caught(seq: nil, "stored usage")),
        Row(table: "lots", column: "remaining", sql: "UPDATE lots SET remaining = points WHERE seq = 18", outcome: .caught(seq: 18, "the lot of award 18 is stored with")),
        Row(table: "lots", column: "points", sql: "UPDATE lots SET points = points + 1 WHERE seq = 19", outcome: .caught(seq: 19, "the lot of award 19 is stored with")),
        Row(table: "lots", column: "available_ms", sql: "UPDATE lots SET available_ms = available_ms + 1 WHERE seq = 19", outcome: .caught(seq: 19, "the lot of award 19")),
        Row(table: "lots", column: "expires_ms", sql: "UPDATE lots SET expires_ms = 0 WHERE seq = 19", outcome: .caught(seq: 19, "the lot of award 19")),
        Row(table: "lots", column: "volunteer", sql: "UPDATE lots SET volunteer = 'volunteer:V000004' WHERE seq = 19", outcome: .caught(seq: 19, "the lot of award 19")),
        Row(table: "lots", column: "seq", sql: "UPDATE lots SET seq = 17 WHERE seq = 19", outcome: .caught(seq: 17, "holds a lot that no award opened")),
        Row(table: "idempotency", column: "result", sql: "UPDATE idempotency SET result = CAST('{\"seq\":1}' AS BLOB) WHERE key = 'a1'", outcome: .harmless),
        Row(table: "idempotency", column: "request_hash", sql: "UPDATE idempotency SET request_hash = zeroblob(32) WHERE key = 'a1'", outcome: .harmless),
        Row(table: "idempotency", column: "actor, key", sql: "UPDATE idempotency SET key = 'other' WHERE key = 'a1'", outcome: .harmless),
        Row(table: "idempotency", column: "(row)", sql: "DELETE FROM idempotency WHERE key = 'a1'", outcome: .harmless),
        Row(table: "tokens", column: "revoked", sql: "UPDATE tokens SET revoked = NULL", outcome: .harmless),
        Row(table: "tokens", column: "principal, token_hash, created, expires", sql: "UPDATE tokens SET principal = 'operator:root', expires = NULL", outcome: .harmless),
        Row(table: "redemption_codes", column: "used_seq (cleared)", sql: "UPDATE redemption_codes SET used_seq = NULL WHERE used_seq = 23",
            outcome: .caught(seq: 23, "not marked used by it")),
        Row(table: "redemption_codes", column: "used_seq (moved)", sql: "UPDATE redemption_codes SET used_seq = 22 WHERE used_seq = 23",
            outcome: .caught(seq: 22, "a redemption code is marked used by entry 22")),
        Row(table: "redemption_codes", column: "code_hash", sql: "UPDATE redemption_codes SET code_hash = zeroblob(32) WHERE used_seq = 23",
            outcome: .caught(seq: 23, "a redemption code is marked used by entry 23")),
        Row(table: "redemption_codes", column: "volunteer, created, expires", sql: "UPDATE redemption_codes SET expires = expires + 86400000, volunteer = 'volunteer:V000002' WHERE used_seq IS NULL",
            outcome: .harmless),
        Row(table: "redemption_codes", column: "(row)", sql: "DELETE FROM redemption_codes WHERE used_seq = 23", outcome: .harmless),
        Row(table: "account_status", column: "status", sql: "UPDATE account_status SET status = 'active'", outcome: .caught(seq: 25, "volunteer:V000003: the account_status table")),
        Row(table: "account_status", column: "(row)", sql: "DELETE FROM account_status", outcome: .caught(seq: 25, "volunteer:V000003: the account_status table")),
        Row(table: "catalogue", column: "points", sql: "UPDATE catalogue SET points = 1", outcome: .caught(seq: 24, "the catalogue table does not hold")),
        Row(table: "catalogue", column: "item", sql: "UPDATE catalogue SET item = '免费'", outcome: .caught(seq: 24, "the catalogue table does not hold")),
        Row(table: "catalogue", column: "(row)", sql: "DELETE FROM catalogue", outcome: .caught(seq: 24, "the catalogue table does not hold")),
    ]


    /// Builds the template ledger the rows edit, at `path` (a file, or an
    /// empty PostgreSQL database by URL) with its key at `keyPath`.
    public static func makeTemplate(path: String, keyPath: String) async throws {
        let ledger = try await TestLedger.make(atPath: path, keyPath: keyPath)
        let service = ledger.service
        for (key, n) in [("a1", 1), ("a2", 2), ("a3", 1), ("a4", 3)] {
            _ = try await service.award(AwardRequest(volunteer: TestLedger.volunteer(n), activity: TestLedger.activity(key)), actor: TestLedger.root, key: key)
        }
        _ = try await service.reverse(ReverseRequest(seq: 21, reason: "entered twice"), actor: TestLedger.root, key: "r1")
        let code = try await service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.root, key: nil).code
        _ = try await service.redeem(RedeemRequest(merchant: TestLedger.merchant, code: code, points: 5), actor: TestLedger.merchant, key: "till-1")
        _ = try await service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.root, key: nil)
        _ = try await service.updateAccount(
            AccountUpdateRequest(account: TestLedger.merchant, catalogue: [CatalogueItem(item: "拿铁", points: 12)]), actor: TestLedger.root, key: "menu")
        _ = try await service.updateAccount(
            AccountUpdateRequest(account: TestLedger.volunteer(3), status: .suspended, reason: "check"), actor: TestLedger.root, key: "hold")
        let token = try CommandRunner.run(["token", "create", "--db", path, "--key", keyPath, "--principal", "volunteer:V000002"])
        guard token.status == 0 else { throw TemplateFailure(description: "token create failed: \(token.stderr)") }
        let report = try LedgerService.verify(store: LedgerService.openStore(path: path, readonly: true), semantic: false)
        guard report.ok else { throw TemplateFailure(description: "the template does not verify: \(report.problems)") }
    }

    public struct TemplateFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A row's edit in PostgreSQL's dialect: the same edit of the same
    /// column, with SQLite's blob functions spelled as PostgreSQL's.
    public static func postgresSQL(_ sqlite: String) -> String {
        sqlite
            .replacingOccurrences(of: "zeroblob(32)", with: "decode(repeat('00', 32), 'hex')")
            .replacingOccurrences(of: "CAST(replace(CAST(bytes AS TEXT), ", with: "convert_to(replace(convert_from(bytes, 'UTF8'), ")
            .replacingOccurrences(of: ") AS BLOB)", with: "), 'UTF8')")
            .replacingOccurrences(of: "CAST('{\"seq\":1}' AS BLOB)", with: "convert_to('{\"seq\":1}', 'UTF8')")
    }
}
