import ArgumentParser
import JiazhouCore

/// `--witness-key` and `--min-witnesses` of the offline verifiers
/// (`verify-proof`, `verify-statement`): the cosignatures a checkpoint must
/// carry besides the ledger's signature (Ledger/SPEC.md §16).
struct WitnessOptions: ParsableArguments {
    @Option(name: .customLong("witness-key"), help: "A witness's verifier key, name+keyid+base64(0x04 ‖ key) (from `jiazhou witness init`); repeatable.")
    var witnessKeys: [String] = []

    @Option(name: .customLong("min-witnesses"), help: "How many of the --witness-key witnesses must have cosigned the checkpoint (default: all given).")
    var minWitnesses: Int?

    func policy() throws(LedgerError) -> WitnessPolicy {
        try WitnessPolicy(witnessKeys: witnessKeys, minimum: minWitnesses ?? witnessKeys.count)
    }

    /// `, cosigned by K of N witnesses` when witnesses were asked for.
    func summary(note: String) throws(LedgerError) -> String {
        let policy = try policy()
        guard !policy.witnesses.isEmpty, let signed = try? SignedNote(parsing: note) else { return "" }
        let count = Cosignature.check(signed, witnesses: policy.witnesses).signed.count
        return ", cosigned by \(count) of \(policy.witnesses.count) witnesses (\(policy.minimum) required)"
    }
}
