public import JiazhouCore
import JiazhouRules

/// Checks a volunteer's statement offline, with nothing but the verifier key
/// (whose signature type gives the hash suite: an Ed25519 key checks a
/// `sha256-ed25519` statement, an SM2 key an `sm3-sm2` one):
/// the checkpoint's signature; every entry's bytes, canonical form and
/// inclusion proof against the signed root; that every entry concerns the
/// volunteer; that the stated balance, earned points, minutes and stars are
/// what the entries and the proven rule set give; and, when a profile is
/// included, that it opens the commitment in the volunteer's `account.open`;
/// and, when a ``WitnessPolicy`` asks, that enough of the given witnesses
/// cosigned the checkpoint.
///
/// What it cannot show: that no entry was left out. A statement proves what
/// it lists; an auditor with the whole export proves the rest.
public struct StatementVerifier {
    public struct Report: Sendable {
        public var problems: [String]
        public var checkpoint: Checkpoint?
        public var ok: Bool { problems.isEmpty }
    }

    /// `witnesses`: the cosignatures the checkpoint must also carry (SPEC §16);
    /// by default none, as before witnesses, so earlier statements still verify.
    public static func verify(_ statement: Statement, verifierKey: String, witnesses: WitnessPolicy = .none) -> Report {
        var problems: [String] = []
        guard statement.format == Statement.formatName else {
            return Report(problems: ["format \"\(statement.format)\" is not \(Statement.formatName)"], checkpoint: nil)
        }
        let suite: HashSuite
        let checkpoint: Checkpoint
        do {
            let key = try SuiteCatalog.standard.verifier(verifierKey: verifierKey)
            suite = key.suite
            let stated = statement.suite ?? HashSuite.sha256Ed25519.name
            guard stated == suite.name else {
                return Report(
                    problems: [
                        "the statement is from a ledger of the hash suite \(stated), but the verifier key is an \(suite.signatureName) key of the \(suite.name) suite"
                    ], checkpoint: nil)
            }
            checkpoint = try Checkpoint.verified(note: statement.checkpoint, by: key.verifier)
        } catch {
            return Report(problems: [error.message], checkpoint: nil)
        }
        if let problem = witnesses.problem(with: statement.checkpoint) { problems.append(problem) }
        if checkpoint.size != statement.size { problems.append("the statement says size \(statement.size), the checkpoint \(checkpoint.size)") }
        func proven(_ item: ProvenEntry) -> Entry? {
            let sealed: Entry.Sealed
            do { sealed = try Entry.unseal(Array(item.entry.utf8), using: suite) } catch {
                problems.append("entry \(item.seq): \(error.message)")
                return nil
            }
            if sealed.entry.seq != item.seq { problems.append("entry \(item.seq) says seq \(sealed.entry.seq)") }
            if !Proof.Inclusion(index: item.seq, size: checkpoint.size, path: item.path).verifies(leafHash: sealed.leafHash, root: checkpoint.root, using: suite) {
                problems.append("entry \(item.seq) is not proven in the checkpoint")
            }
            return sealed.entry
        }
        var totals = AccountDelta()
        var opening: Entry?
        var previous: Int64 = -1
        for item in statement.entries {
            guard let entry = proven(item) else { continue }
            if entry.seq <= previous { problems.append("entries are not in seq order at \(entry.seq)") }
            previous = entry.seq
            let effect = entry.effects[statement.volunteer]
            let opens = entry.kind == .accountOpen && entry.data["account"]?.stringValue == statement.volunteer.text
            if opens { opening = entry }
            // A suspension or reactivation names the volunteer and moves nothing.
            let updates = entry.kind == .accountUpdate && entry.data["account"]?.stringValue == statement.volunteer.text
            if effect == nil, !opens, !updates, entry.serviceVolunteer != statement.volunteer {
                problems.append("entry \(entry.seq) does not concern \(statement.volunteer)")
            }
            if let effect {
                totals.balance += effect.balance
                totals.earned += effect.earned
                totals.minutes += effect.minutes
            }
        }
        if opening == nil { problems.append("the statement does not include the opening of \(statement.volunteer)") }
        if totals.balance != statement.balance { problems.append("the entries give a balance of \(totals.balance), not \(statement.balance)") }
        if totals.earned != statement.earned { problems.append("the entries give \(totals.earned) points earned, not \(statement.earned)") }
        if totals.minutes != statement.minutes { problems.append("the entries give \(totals.minutes) minutes, not \(statement.minutes)") }
        if let rulesEntry = proven(statement.rules) {
            if rulesEntry.kind != .rulesPublish {
                problems.append("entry \(rulesEntry.seq) is not a rules.publish")
            } else if let text = rulesEntry.data["text"]?.stringValue, let rules = try? RuleSet(yaml: text) {
                if rules.stars(minutes: totals.minutes) != statement.stars {
                    problems.append("rule set v\(rules.version) gives \(rules.stars(minutes: totals.minutes)) stars, not \(statement.stars)")
                }
            } else {
                problems.append("the proven rule set cannot be read")
            }
        }
        if let profile = statement.profile {
            let commitment = statement.salt.flatMap(Hex.decode).map { TreeHasher.sha256($0 + profile.canonicalBytes).hex }
            if commitment == nil || commitment != opening?.data["profile"]?.stringValue {
                problems.append("the profile does not open the commitment in the volunteer's account.open")
            }
        }
        return Report(problems: problems, checkpoint: checkpoint)
    }
}
