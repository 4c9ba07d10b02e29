import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// Proofs from the stored subtrees verify against the signed checkpoints, at
/// every size that was checkpointed.
@Suite struct ProofTests {
    private func ledgerWithHistory() async throws -> (TestLedger, [CheckpointView]) {
        let ledger = try await TestLedger.make(inFile: true)
        var checkpoints: [CheckpointView] = [try ledger.service.checkpoint(CheckpointGetRequest())]
        for i in 0..<37 {
            _ = try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(1 + i % 5), activity: TestLedger.activity("p\(i)")), actor: TestLedger.root, key: nil)
            checkpoints.append(try ledger.service.checkpoint(CheckpointGetRequest()))
        }
        return (ledger, checkpoints)
    }

    @Test func everyEntryIsProvablyInEveryCheckpointThatCoversIt() async throws {
        let (ledger, checkpoints) = try await ledgerWithHistory()
        defer { ledger.remove() }
        let verifier = try NoteVerifier(verifierKey: ledger.service.verifierKey)
        for view in checkpoints where view.size % 7 == 0 || view == checkpoints.last {
            let checkpoint = try Checkpoint.verified(note: view.note, by: verifier)
            for seq in 0..<checkpoint.size {
                let result = try ledger.service.inclusionProof(InclusionProofRequest(seq: seq, size: checkpoint.size), actor: TestLedger.root)
                #expect(result.root == checkpoint.root)
                let entry = try ledger.service.entry(EntryGetRequest(seq: seq), actor: TestLedger.root)
                #expect(result.leafHash == TreeHasher.leafHash(entry.entry.canonicalBytes))
                #expect(result.proof.verifies(leafHash: result.leafHash, root: checkpoint.root, using: .sha256Ed25519))
            }
        }
    }

    @Test func everyCheckpointIsConsistentWithEveryLaterOne() async throws {
        let (ledger, checkpoints) = try await ledgerWithHistory()
        defer { ledger.remove() }
        for (i, first) in checkpoints.enumerated() where i % 3 == 0 {
            for second in checkpoints[i...] {
                let result = try ledger.service.consistencyProof(ConsistencyProofRequest(from: first.size, to: second.size), actor: TestLedger.root)
                #expect(result.proof.verifies(firstRoot: first.root, secondRoot: second.root, using: .sha256Ed25519), "\(first.size) → \(second.size)")
            }
        }
    }

    @Test func proofsOutsideTheLedgerAreRefused() async throws {
        let ledger = try await TestLedger.make()
        let size = try ledger.service.info().size
        #expect(refusal { try ledger.service.inclusionProof(InclusionProofRequest(seq: size), actor: TestLedger.root) } == .unknown_entry)
        #expect(refusal { try ledger.service.inclusionProof(InclusionProofRequest(seq: 0, size: size + 1), actor: TestLedger.root) } == .unknown_entry)
        #expect(refusal { try ledger.service.inclusionProof(InclusionProofRequest(seq: 3, size: 3), actor: TestLedger.root) } == .unknown_entry)
        #expect(refusal { try ledger.service.consistencyProof(ConsistencyProofRequest(from: 0, to: size), actor: TestLedger.root) } == .unknown_entry)
        #expect(refusal { try ledger.service.consistencyProof(ConsistencyProofRequest(from: 5, to: 4), actor: TestLedger.root) } == .unknown_entry)
        #expect(refusal { try ledger.service.consistencyProof(ConsistencyProofRequest(from: 1, to: size + 1), actor: TestLedger.root) } == .unknown_entry)
        #expect(refusal { try ledger.service.inclusionProof(InclusionProofRequest(seq: 0), actor: AccountID(unchecked: .coordinator, "ghost")) } == .forbidden)
    }
}
