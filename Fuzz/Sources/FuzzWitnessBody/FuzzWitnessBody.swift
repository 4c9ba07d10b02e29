import Foundation
import FuzzSupport
import JiazhouCore

/// The body of a witness's `POST /add-checkpoint` (c2sp.org/tlog-witness),
/// which anyone on the network may send (Ledger/SPEC.md §16).
///
/// Properties: nothing traps; a parsed body writes back as exactly its
/// bytes (one spelling of a request); at most 63 proof lines are accepted;
/// checking its note's signature, its consistency proof against its own
/// root and a cosignature on it never traps.
@main
enum FuzzWitnessBody {
    static let log = try! NoteVerifier(verifierKey: "jiazhou.example/shizhong+1d31d477+AVxbk3qajqu4tEMfK9Dd/0Dwp1tZA7aCljJadDyWTCS0")
    static let witness = try! CosignatureVerifier(verifierKey: "witness.example/w1+dd1626a3+BKAyG1Qb9U53FEcGIehYc5m7N+VCiJ8CUUAYjL6yP3d6")

    static func main() {
        runFuzzer { data, size in
            FuzzWitnessBody.check(inputBytes(data, size))
            return 0
        }
    }

    static func check(_ input: [UInt8]) {
        guard let body = try? AddCheckpointBody(parsing: input) else { return }
        require(Array(body.text.utf8) == input, "a parsed body writes back as other bytes: \(body.text.debugDescription)")
        require(body.proof.count <= AddCheckpointBody.maxProofLines, "more than 63 proof lines accepted")
        guard let note = try? SignedNote(parsing: body.note) else { return }
        _ = note.isSigned(by: log)
        _ = Cosignature.check(note, witnesses: [witness])
        for signature in note.signatures { _ = witness.timestamp(ofCosignature: signature.signature, on: note.text) }
        guard let checkpoint = try? Checkpoint(body: note.text) else { return }
        let proof = Proof.Consistency(from: body.old, to: checkpoint.size, path: body.proof)
        _ = proof.verifies(firstRoot: checkpoint.root, secondRoot: checkpoint.root, using: .sha256Ed25519)
    }
}
