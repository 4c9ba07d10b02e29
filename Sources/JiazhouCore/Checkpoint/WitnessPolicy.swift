/// What a verifier requires of a checkpoint beyond the log's own signature:
/// cosignatures (c2sp.org/tlog-cosignature) from at least `minimum` of the
/// `witnesses` it trusts, so that a log cannot show it a history that those
/// witnesses did not see (Ledger/SPEC.md §16).
///
/// ```swift
/// let policy = try WitnessPolicy(witnessKeys: ["w1.example+…", "w2.example+…"], minimum: 2)
/// if let problem = policy.problem(with: note) { print("FAILED: \(problem)") }
/// ```
public struct WitnessPolicy: Sendable, Equatable {
    public var witnesses: [CosignatureVerifier]
    public var minimum: Int

    /// No witness required: what verifiers did before witnesses.
    public static let none = WitnessPolicy(witnesses: [], minimum: 0)

    public init(witnesses: [CosignatureVerifier], minimum: Int) {
        self.witnesses = witnesses
        self.minimum = minimum
    }

    /// Reads the witnesses' verifier keys; refuses a minimum above their number
    /// or below zero, and a key given twice.
    public init(witnessKeys: [String], minimum: Int) throws(LedgerError) {
        guard witnessKeys.count <= Limits.witnesses else {
            throw LedgerError(.invalid_request, "at most \(Limits.witnesses) witness keys may be given")
        }
        var witnesses: [CosignatureVerifier] = []
        for key in witnessKeys {
            let witness = try CosignatureVerifier(verifierKey: key)
            guard !witnesses.contains(witness) else { throw LedgerError(.invalid_request, "the witness key \(key) is given twice") }
            witnesses.append(witness)
        }
        guard minimum >= 0, minimum <= witnesses.count else {
            throw LedgerError(.invalid_request, "--min-witnesses \(minimum) needs at least that many --witness-key (given \(witnesses.count))")
        }
        self.init(witnesses: witnesses, minimum: minimum)
    }

    /// Why `note` does not meet the policy, or `nil` if it does. A note that
    /// does not parse fails any policy that requires a witness.
    public func problem(with note: String) -> String? {
        guard minimum > 0 else { return nil }
        let signed: SignedNote
        do { signed = try SignedNote(parsing: note) } catch { return error.message }
        let (valid, missing) = Cosignature.check(signed, witnesses: witnesses)
        guard valid.count < minimum else { return nil }
        let names = missing.map { "\($0.name)+\(Hex.encode($0.keyID))" }.joined(separator: ", ")
        return "the checkpoint is cosigned by \(valid.count) of the witnesses given, \(minimum) required (--min-witnesses \(minimum)); no valid cosignature from: \(names)"
    }
}
