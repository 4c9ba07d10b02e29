import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStorage
import JiazhouTesting
import JiazhouWitness
import Testing

/// The add-checkpoint decisions of c2sp.org/tlog-witness, on a real state
/// file, without HTTP: every status code and what the witness remembers.
@Suite("witness add-checkpoint")
struct WitnessTests {
    @Test func aFirstCheckpointWithOldZeroIsCosignedAndTheCosignatureVerifies() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let key = try witnessKey(1)
        let witness = try makeWitness(key, statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        let submission = try #require(try ledger.service.witnessSubmission(old: 0))
        let answer = await witness.addCheckpoint(Array(submission.body.text.utf8))
        #expect(answer.status == 200)
        let note = try SignedNote(parsing: Cosignature.note(submission.body.note, adding: [answer.body]))
        #expect(note.isSigned(by: key.verifier))
        let stored = try await ledger.service.keepCosignature(answer.body, size: submission.size, witness: key.verifier)
        #expect(stored.timestamp == 1_796_000_000)
        #expect(try ledger.service.checkpoint(CheckpointGetRequest()).note.hasSuffix(answer.body))
        #expect(try ledger.service.info().witnesses?.map(\.size) == [submission.size])
    }

    @Test func aGrownCheckpointWithItsConsistencyProofIsCosigned() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let witness = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        let first = try #require(try ledger.service.witnessSubmission(old: 0))
        #expect(await witness.addCheckpoint(Array(first.body.text.utf8)).status == 200)
        try await grow(ledger)
        try await grow(ledger)
        let second = try #require(try ledger.service.witnessSubmission(old: first.size))
        #expect(!second.body.proof.isEmpty)
        #expect(await witness.addCheckpoint(Array(second.body.text.utf8)).status == 200)
        // The same checkpoint again: old = size, same root, cosigned again.
        let again = try #require(try ledger.service.witnessSubmission(old: second.size))
        #expect(await witness.addCheckpoint(Array(again.body.text.utf8)).status == 200)
    }

    /// An `sm3-sm2` ledger: its SM2 key signs, and SM3 hashes the proof the witness checks.
    @Test func anSM2LedgersCheckpointsAreCheckedWithItsSuite() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make(suite: try SuiteCatalog.standard.suite(named: "sm3-sm2"))
        #expect(ledger.service.verifierKey.contains("+/wYIKoEcz1UBg3UE"))
        let witness = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        let first = try #require(try ledger.service.witnessSubmission(old: 0))
        #expect(await witness.addCheckpoint(Array(first.body.text.utf8)).status == 200)
        try await grow(ledger)
        try await grow(ledger)
        let second = try #require(try ledger.service.witnessSubmission(old: first.size))
        #expect(await witness.addCheckpoint(Array(second.body.text.utf8)).status == 200)
        // The same proof read with SHA-256 would not lead to SM3 roots: a tampered hash fails.
        try await grow(ledger)
        var bad = try #require(try ledger.service.witnessSubmission(old: second.size)).body
        bad.proof[bad.proof.count - 1] = first.root
        #expect(await witness.addCheckpoint(Array(bad.text.utf8)).status == 422)
    }

    /// The ledger keeps only what verifies with the witness's own key, on the checkpoint of that size.
    @Test func theLedgerKeepsOnlyACosignatureThatVerifies() async throws {
        let ledger = try await TestLedger.make()
        let key = try witnessKey(1)
        let size = try ledger.service.latestCheckpointSize()
        let body = try SignedNote(parsing: try ledger.service.checkpoint(CheckpointGetRequest()).note).text
        let impostor = try CosignatureSigner(name: key.name, seed: Array(repeating: 7, count: 32))
        await #expect(throws: LedgerError.self) {
            try await ledger.service.keepCosignature(impostor.signatureLine(for: body, timestamp: 5), size: size, witness: key.verifier)
        }
        await #expect(throws: LedgerError.self) { try await ledger.service.keepCosignature("not a line\n", size: size, witness: key.verifier) }
        try await grow(ledger)
        // A cosignature of the old size offered as one of the new.
        await #expect(throws: LedgerError.self) {
            try await ledger.service.keepCosignature(key.signatureLine(for: body, timestamp: 5), size: size + 1, witness: key.verifier)
        }
        #expect(try ledger.service.info().witnesses == nil)
        // Lines of other witnesses beside it are ignored; the newest of its own is kept.
        let answer = try witnessKey(2).signatureLine(for: body, timestamp: 9) + key.signatureLine(for: body, timestamp: 5) + key.signatureLine(for: body, timestamp: 6)
        let kept = try await ledger.service.keepCosignature(answer, size: size, witness: key.verifier)
        #expect(kept.timestamp == 6)
        #expect(try ledger.service.cosignedCheckpoint(size: size).hasSuffix(key.signatureLine(for: body, timestamp: 6)))
    }

    @Test func anUnknownOriginIs404() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let other = try Witness(
            signer: try witnessKey(1), logs: [try WitnessLog(origin: "elsewhere.test/log", verifierKey: ledger.service.verifierKey)],
            state: try WitnessState(path: scratch.path + "/w.sqlite"), now: { 1 }, logger: quiet)
        let submission = try #require(try ledger.service.witnessSubmission(old: 0))
        #expect(await other.addCheckpoint(Array(submission.body.text.utf8)).status == 404)
    }

    @Test func aCheckpointNotSignedByTheLogsKeyIs403() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let witness = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        let submission = try #require(try ledger.service.witnessSubmission(old: 0))
        // The same origin signed by another key.
        let impostor = try NoteSigner(name: ledger.service.origin, seed: Array(repeating: 9, count: 32))
        let text = try SignedNote(parsing: submission.body.note).text
        var forged = submission.body
        forged.note = impostor.sign(text)
        #expect(await witness.addCheckpoint(Array(forged.text.utf8)).status == 403)
        // A valid signature on another body.
        forged.note = submission.body.note.replacingOccurrences(of: "\n\(submission.size)\n", with: "\n\(submission.size + 1)\n")
        #expect(await witness.addCheckpoint(Array(forged.text.utf8)).status == 403)
    }

    @Test(arguments: [
        "", "old 1\n", "old\n\nx\n", "old 01\n\nnote\n", "old -1\n\nnote\n", "new 0\n\nnote\n", "old 0\nnot base64!\n\nnote\n",
        "old 0\nAAAA\n\nnote\n", "old 0\n\n", "old 0\n\nno blank line before signatures\n", "old 99999999999999999999\n\nx\n",
    ])
    func aMalformedBodyIs400(_ body: String) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let witness = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        #expect(await witness.addCheckpoint(Array(body.utf8)).status == 400)
    }

    @Test func tooManyProofLinesOrNotUTF8Is400() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let witness = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        let submission = try #require(try ledger.service.witnessSubmission(old: 0))
        var long = submission.body
        long.old = 1
        long.proof = Array(repeating: submission.root, count: 64)
        #expect(await witness.addCheckpoint(Array(long.text.utf8)).status == 400)
        #expect(await witness.addCheckpoint([0x6f, 0x6c, 0x64, 0x20, 0x30, 0x0a, 0x0a, 0xff, 0xfe]).status == 400)
    }

    @Test func anOldSizeLargerThanTheCheckpointIs400() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let witness = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        var body = try #require(try ledger.service.witnessSubmission(old: 0)).body
        body.old = 1_000
        #expect(await witness.addCheckpoint(Array(body.text.utf8)).status == 400)
    }

    @Test func anOldSizeOtherThanTheLastCosignedIs409WithThatSize() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let witness = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        let first = try #require(try ledger.service.witnessSubmission(old: 0))
        var wrong = first.body
        wrong.old = 3
        wrong.proof = try #require(try ledger.service.witnessSubmission(old: 3)).body.proof
        let never = await witness.addCheckpoint(Array(wrong.text.utf8))
        #expect(never.status == 409)
        #expect(never.contentType == "text/x.tlog.size")
        #expect(never.body == "0\n")
        #expect(await witness.addCheckpoint(Array(first.body.text.utf8)).status == 200)
        try await grow(ledger)
        let stale = try #require(try ledger.service.witnessSubmission(old: 0))
        let answer = await witness.addCheckpoint(Array(stale.body.text.utf8))
        #expect(answer.status == 409)
        #expect(answer.body == "\(first.size)\n")
    }

    @Test func aProofThatDoesNotVerifyIs422() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let witness = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        let first = try #require(try ledger.service.witnessSubmission(old: 0))
        // A non-empty proof with old 0.
        var withProof = first.body
        withProof.proof = [first.root]
        #expect(await witness.addCheckpoint(Array(withProof.text.utf8)).status == 422)
        #expect(await witness.addCheckpoint(Array(first.body.text.utf8)).status == 200)
        try await grow(ledger)
        var bad = try #require(try ledger.service.witnessSubmission(old: first.size)).body
        bad.proof[0] = first.root
        #expect(await witness.addCheckpoint(Array(bad.text.utf8)).status == 422)
        bad.proof = []
        #expect(await witness.addCheckpoint(Array(bad.text.utf8)).status == 422)
    }

    /// Same origin, same key, another history: the ledger's fork.
    @Test func aForkedLogIsRefusedAtTheSameSizeAndAtALargerOne() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let fork = try await TestLedger.make()
        #expect(fork.service.verifierKey == ledger.service.verifierKey)
        try await grow(ledger, volunteer: 1, id: "a")
        try await grow(fork, volunteer: 2, id: "b")
        let witness = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        let first = try #require(try ledger.service.witnessSubmission(old: 0))
        #expect(await witness.addCheckpoint(Array(first.body.text.utf8)).status == 200)
        // The fork at the same size: another root for a size cosigned.
        let same = try #require(try fork.service.witnessSubmission(old: 0))
        #expect(same.size == first.size && same.root != first.root)
        var sameSize = same.body
        sameSize.old = first.size
        #expect(await witness.addCheckpoint(Array(sameSize.text.utf8)).status == 409)
        // The fork grown past it: its proof from the witness's size does not lead to the root the witness holds.
        try await grow(fork, volunteer: 2, id: "c")
        let larger = try #require(try fork.service.witnessSubmission(old: first.size))
        #expect(await witness.addCheckpoint(Array(larger.body.text.utf8)).status == 422)
    }

    @Test func theStateSurvivesARestartAndNeverTakesAnotherRootForASizeItCosigned() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let fork = try await TestLedger.make()
        try await grow(ledger, volunteer: 1, id: "a")
        try await grow(fork, volunteer: 2, id: "b")
        let state = scratch.path + "/w.sqlite"
        let first = try #require(try ledger.service.witnessSubmission(old: 0))
        do {
            let witness = try makeWitness(try witnessKey(1), statePath: state, ledger: ledger.service)
            #expect(await witness.addCheckpoint(Array(first.body.text.utf8)).status == 200)
        }
        let restarted = try makeWitness(try witnessKey(1), statePath: state, ledger: ledger.service)
        #expect(try restarted.state.record(origin: ledger.service.origin) == WitnessState.Record(size: first.size, root: first.root))
        let stale = try #require(try fork.service.witnessSubmission(old: 0))
        let answer = await restarted.addCheckpoint(Array(stale.body.text.utf8))
        #expect(answer.status == 409 && answer.body == "\(first.size)\n")
        var sameSize = stale.body
        sameSize.old = first.size
        #expect(await restarted.addCheckpoint(Array(sameSize.text.utf8)).status == 409)
        #expect(try restarted.state.record(origin: ledger.service.origin)?.root == first.root)
    }

    @Test func aStateFileServesOnlyTheWitnessKeyItWasMadeFor() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        _ = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        _ = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        #expect(throws: LedgerError.self) { try makeWitness(try witnessKey(2), statePath: scratch.path + "/w.sqlite", ledger: ledger.service) }
    }

    /// The schema's trigger holds even if the checks above it were wrong.
    @Test func theStateFileItselfRefusesARollbackOrAnotherRoot() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let state = try WitnessState(path: scratch.path + "/w.sqlite")
        let a = try #require(Hash(bytes: Array(repeating: 1, count: 32)))
        let b = try #require(Hash(bytes: Array(repeating: 2, count: 32)))
        try await state.store(origin: "o", record: .init(size: 5, root: a), time: 1)
        await #expect(throws: LedgerError.self) { try await state.store(origin: "o", record: .init(size: 5, root: b), time: 2) }
        await #expect(throws: LedgerError.self) { try await state.store(origin: "o", record: .init(size: 4, root: a), time: 2) }
        try await state.store(origin: "o", record: .init(size: 6, root: b), time: 3)
        #expect(try state.record(origin: "o")?.size == 6)
    }

    @Test func concurrentSubmissionsForOneOriginAreSerialized() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let witness = try makeWitness(try witnessKey(1), statePath: scratch.path + "/w.sqlite", ledger: ledger.service)
        let body = Array(try #require(try ledger.service.witnessSubmission(old: 0)).body.text.utf8)
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { await witness.addCheckpoint(body).status } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        // The first is cosigned; the rest find the witness at that size: 409.
        #expect(statuses.filter { $0 == 200 }.count == 1)
        #expect(statuses.filter { $0 == 409 }.count == 7)
    }
}
