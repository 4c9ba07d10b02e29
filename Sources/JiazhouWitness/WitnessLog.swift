public import JiazhouCore
import JiazhouService

/// A log a witness cosigns for: its origin and the key that signs its
/// checkpoints, from `--log ORIGIN=VKEY`. The key's signature type names the
/// hash suite (Ed25519: `sha256-ed25519`; SM2: `sm3-sm2`, SPEC §14), whose
/// node hash checks the log's consistency proofs.
public struct WitnessLog: Sendable {
    public let origin: String
    public let suite: HashSuite
    public let verifier: any NoteVerifying

    public init(origin: String, verifierKey: String) throws(LedgerError) {
        // The state's CHECK allows 1000 characters; bytes are never fewer.
        guard !origin.isEmpty, origin.utf8.count <= 1000, !origin.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw LedgerError(.invalid_request, "a log's origin must be 1 to 1000 bytes on one line")
        }
        let key = try SuiteCatalog.standard.verifier(verifierKey: verifierKey)
        self.origin = origin
        suite = key.suite
        verifier = key.verifier
    }

    /// Reads `ORIGIN=VKEY` (split at the first `=`: a verifier key's base64 may end in `=`).
    public init(argument: String) throws(LedgerError) {
        guard let split = argument.firstIndex(of: "=") else {
            throw LedgerError(.invalid_request, "--log takes ORIGIN=VKEY, e.g. jiazhou.example/shizhong=jiazhou.example/shizhong+1d31d477+AVxb…")
        }
        try self.init(origin: String(argument[..<split]), verifierKey: String(argument[argument.index(after: split)...]))
    }
}
