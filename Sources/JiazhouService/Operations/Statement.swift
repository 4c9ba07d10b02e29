public import JiazhouCore
import JiazhouRules
import JiazhouStorage

/// `statement`: a volunteer's record of service (志愿服务证明) that anyone can
/// check offline with the verifier key: each entry's bytes with its RFC 9162
/// inclusion proof against one signed checkpoint, the rule set that gives
/// the stars, and the totals they add up to.
public struct StatementRequest: Codable, Sendable, Equatable {
    public var volunteer: AccountID
    /// Include the name, phone, … and the salt that opens their commitment (operators only).
    public var withProfile: Bool?

    public init(volunteer: AccountID, withProfile: Bool? = nil) {
        self.volunteer = volunteer
        self.withProfile = withProfile
    }

    enum CodingKeys: String, CodingKey {
        case volunteer
        case withProfile = "with_profile"
    }
}

/// One entry with the proof that it is in the checkpoint's tree.
public struct ProvenEntry: Codable, Sendable, Equatable {
    public var seq: Int64
    /// The entry's canonical bytes, as text.
    public var entry: String
    public var path: [Hash]
}

public struct Statement: Codable, Sendable, Equatable {
    public static let formatName = "jiazhou-statement/1"

    public var format: String
    public var origin: String
    /// The ledger's hash suite, whose hash the proofs use and whose key
    /// signed the checkpoint. Absent in statements made before suites were
    /// named: those are `sha256-ed25519`.
    public var suite: String?
    public var volunteer: AccountID
    /// The signed checkpoint every proof leads to, with the witnesses'
    /// cosignatures collected for its size (none in earlier statements).
    public var checkpoint: String
    public var size: Int64
    public var balance: Int64
    public var earned: Int64
    public var minutes: Int64
    public var stars: Int
    /// The `rules.publish` entry whose star thresholds give `stars`.
    public var rules: ProvenEntry
    /// Every entry that concerns the volunteer, oldest first, from its `account.open`.
    public var entries: [ProvenEntry]
    public var profile: JSONValue?
    /// Hex of the salt that, with `profile`, opens the commitment in `account.open`.
    public var salt: String?
}

extension LedgerService {
    public func statement(_ request: StatementRequest, actor: AccountID) throws(LedgerError) -> Statement {
        try read { reader in
            let authorization = try Authorization(actor: actor, reader: reader)
            guard request.volunteer.kind == .volunteer, let account = try reader.account(request.volunteer) else {
                throw LedgerError(.unknown_account, "\(request.volunteer) is not an open volunteer")
            }
            try authorization.requireRead(account)
            if request.withProfile == true { try authorization.requireOperator("include personal data in a statement") }
            guard let signed = try reader.checkpoint() else { throw LedgerError(.unknown_entry, "the ledger has no checkpoint yet") }
            // The note with the witnesses' cosignatures kept for its size, so
            // that a verifier can require them (SPEC §16).
            let checkpoint = StoredCheckpoint(
                size: signed.size, root: signed.root, note: Cosignature.note(signed.note, adding: try reader.cosignatures(size: signed.size).map(\.line)))
            func proven(_ seq: Int64) throws -> ProvenEntry {
                guard let sealed = try reader.entry(seq) else { throw LedgerError(.ledger_invalid, "entry \(seq) is missing") }
                let proof = try Proof.inclusion(index: seq, size: checkpoint.size) { try reader.rangeHash($0, $1) }
                return ProvenEntry(seq: seq, entry: String(decoding: sealed.bytes, as: UTF8.self), path: proof.path)
            }
            var entries: [ProvenEntry] = []
            var after: Int64? = nil
            while true {
                let page = try reader.movements(of: account.id, after: after, limit: Limits.historyPage).filter { $0.seq < checkpoint.size }
                guard !page.isEmpty else { break }
                guard entries.count + page.count <= Limits.statementEntries else {
                    throw LedgerError(.too_large, "\(account.id) has more than \(Limits.statementEntries) entries; a statement holds at most that many")
                }
                entries += try page.map { try proven($0.seq) }
                after = page.last?.seq
            }
            guard let rules = try reader.currentRuleSet(), rules.seq < checkpoint.size else {
                throw LedgerError(.rules_invalid, "no rule set is published below the checkpoint")
            }
            let ruleSet = try ruleSet(version: rules.version, reader: reader)
            var statement = Statement(
                format: Statement.formatName, origin: origin, suite: suite.name, volunteer: account.id, checkpoint: checkpoint.note, size: checkpoint.size,
                balance: account.balance, earned: account.earned, minutes: account.minutes, stars: ruleSet.stars(minutes: account.minutes),
                rules: try proven(rules.seq), entries: entries)
            if request.withProfile == true, let profile = try reader.profile(of: account.id) {
                statement.profile = try JSONParser.parse(profile.text)
                statement.salt = Hex.encode(profile.salt)
            }
            return statement
        }
    }
}
