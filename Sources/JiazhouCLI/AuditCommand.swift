import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check that the ledger only grew since a checkpoint you kept: signatures and an RFC 9162 consistency proof.",
        discussion: "Reads the checkpoint you saved earlier (`jiazhou checkpoint > seen.txt`), takes the ledger's latest one and a consistency proof between them, and checks both signatures and the proof with the verifier key. --update saves the new checkpoint for next time.")

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The checkpoint file seen before.")
    var from: String

    @Option(name: .customLong("verifier-key"), help: VerifierKeyHelp.text)
    var verifierKey: String

    @Flag(help: "On success, write the latest checkpoint to the --from file.")
    var update = false

    func run() async throws {
        try await reportingErrors {
            guard let data = FileManager.default.contents(atPath: from), let note = String(data: data, encoding: .utf8) else {
                throw LedgerError(.invalid_request, "cannot read the checkpoint file \(from)")
            }
            let (suite, verifier) = try SuiteCatalog.standard.verifier(verifierKey: verifierKey)
            let old = try Checkpoint.verified(note: note, by: verifier)
            let service = try ledger.open(readonly: true)
            guard service.suite == suite else {
                throw LedgerError(
                    .invalid_request,
                    "the ledger's hash suite is \(service.suite.name), but the verifier key is an \(suite.signatureName) key of the \(suite.name) suite")
            }
            let latestNote = try service.checkpoint(CheckpointGetRequest()).note
            let latest = try Checkpoint.verified(note: latestNote, by: verifier)
            guard latest.size >= old.size else {
                print("FAILED: the ledger's latest checkpoint (size \(latest.size)) is smaller than the one you kept (size \(old.size))")
                throw ExitCode(1)
            }
            let proof = try service.consistencyProof(ConsistencyProofRequest(from: old.size, to: latest.size), actor: .rootOperator)
            guard proof.proof.verifies(firstRoot: old.root, secondRoot: latest.root, using: suite) else {
                print("FAILED: the ledger at size \(latest.size) is not an extension of the one you kept at size \(old.size): history was rewritten")
                throw ExitCode(1)
            }
            print("ok: the log only grew, from \(old.size) to \(latest.size) entries (root \(latest.root.hex))")
            if update {
                guard FileManager.default.createFile(atPath: from, contents: Data(latestNote.utf8)) else {
                    throw LedgerError(.storage_unavailable, "cannot write \(from)")
                }
            }
        }
    }
}
