import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

/// A self-contained proof that one entry is in the ledger: the entry's
/// canonical bytes, its inclusion proof, and the signed checkpoint it leads
/// to. `jiazhou verify-proof` (or any RFC 9162 + C2SP implementation) checks
/// it with nothing but the verifier key.
struct EntryProof: Codable {
    var entry: String
    /// The ledger's hash suite; absent in proofs made before suites were named (`sha256-ed25519`).
    var suite: String?
    var seq: Int64
    var size: Int64
    var leafHash: Hash
    var path: [Hash]
    var checkpoint: String

    enum CodingKeys: String, CodingKey {
        case entry, suite, seq, size, path, checkpoint
        case leafHash = "leaf_hash"
    }
}

struct ProveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Print a proof, checkable offline, that an entry is in a signed checkpoint.",
        discussion: "The JSON holds the entry's canonical bytes, its RFC 9162 inclusion proof and the C2SP signed checkpoint. Check it with `jiazhou verify-proof FILE --key VERIFIER_KEY`.")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The entry's seq.")
    var seq: Int64

    @Option(help: "The checkpoint size to prove against (default: the latest).")
    var size: Int64?

    @Option(help: "The principal asking (default: the operator).")
    var actor = AccountID.rootOperator

    func run() async throws {
        try await reportingErrors {
            let service = try ledger.open(readonly: true)
            let checkpoint = try service.checkpoint(CheckpointGetRequest(size: size))
            let proof = try service.inclusionProof(InclusionProofRequest(seq: seq, size: checkpoint.size), actor: actor)
            let entry = try service.entry(EntryGetRequest(seq: seq), actor: actor)
            let document = EntryProof(
                entry: entry.entry.canonicalText, suite: service.suite.name, seq: seq, size: proof.size, leafHash: proof.leafHash, path: proof.path,
                checkpoint: checkpoint.note)
            print(String(decoding: try JSONEncoder.pretty.encode(document), as: UTF8.self))
        }
    }
}

struct VerifyProofCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check a proof from `jiazhou prove` offline, with nothing but the verifier key.",
        discussion: "Checks the checkpoint's signature, that the entry's bytes hash to the leaf, and the RFC 9162 inclusion proof against the signed root, with the hash suite of the key (an Ed25519 key: SHA-256; an SM2 key: SM3). Needs no database.")

    @Argument(help: "The proof file (JSON from `jiazhou prove`).")
    var file: String

    @Option(help: VerifierKeyHelp.text)
    var key: String

    @OptionGroup var witnesses: WitnessOptions

    func run() async throws {
        try await reportingErrors {
            let proof = try readDocument(EntryProof.self, from: file, madeBy: "jiazhou prove")
            let policy = try witnesses.policy()
            let (suite, verifier) = try SuiteCatalog.standard.verifier(verifierKey: key)
            try requireSameSuite(stated: proof.suite, key: suite, document: "proof")
            let checkpoint = try Checkpoint.verified(note: proof.checkpoint, by: verifier)
            let sealed = try Entry.unseal(Array(proof.entry.utf8), using: suite)
            var failures: [String] = []
            if let problem = policy.problem(with: proof.checkpoint) { failures.append(problem) }
            if checkpoint.size != proof.size { failures.append("the proof is for size \(proof.size) but the checkpoint signs size \(checkpoint.size)") }
            if sealed.leafHash != proof.leafHash { failures.append("the entry's bytes do not hash to the proof's leaf hash") }
            if sealed.entry.seq != proof.seq { failures.append("the entry says seq \(sealed.entry.seq), the proof \(proof.seq)") }
            let inclusion = Proof.Inclusion(index: proof.seq, size: checkpoint.size, path: proof.path)
            if !inclusion.verifies(leafHash: sealed.leafHash, root: checkpoint.root, using: suite) {
                failures.append("the inclusion proof does not lead to the signed root")
            }
            guard failures.isEmpty else {
                for failure in failures { print("FAILED: \(failure)") }
                throw ExitCode(1)
            }
            print("ok: entry \(proof.seq) (\(sealed.entry.kind.rawValue)) is in \(checkpoint.origin) at size \(checkpoint.size), root \(checkpoint.root.hex) (\(suite.name))\(try witnesses.summary(note: proof.checkpoint))")
        }
    }
}

/// Reads a JSON document written by one of our commands, saying clearly what is wrong.
func readDocument<T: Decodable>(_ type: T.Type, from file: String, madeBy command: String) throws(LedgerError) -> T {
    guard let data = FileManager.default.contents(atPath: file) else { throw LedgerError(.invalid_request, "cannot read \(file)") }
    do { return try JSONDecoder().decode(T.self, from: data) } catch {
        throw LedgerError(.invalid_request, "\(file) is not a document from `\(command)`: \(error)")
    }
}

/// Refuses a document (a proof, a statement) whose ledger's suite is not the
/// verifier key's: its hashes could not be checked with the key's.
func requireSameSuite(stated: String?, key suite: HashSuite, document: String) throws(LedgerError) {
    let stated = stated ?? HashSuite.sha256Ed25519.name
    guard stated == suite.name else {
        throw LedgerError(
            .invalid_request,
            "the \(document) is from a ledger of the hash suite \(stated), but the verifier key is an \(suite.signatureName) key of the \(suite.name) suite; use that ledger's verifier key (`jiazhou info`)"
        )
    }
}

enum VerifierKeyHelp {
    static let text: ArgumentHelp = "The ledger's verifier key, name+keyid+base64key (from `jiazhou info`)."
}
