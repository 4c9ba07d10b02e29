import AsyncHTTPClient
import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStorage
import JiazhouTesting
import JiazhouWitness
import NIOCore
import NIOHTTP1
import Testing

/// A ledger and witnesses on loopback, each a real HTTP server; the
/// ledger's submitter collects their cosignatures in the background.
@Suite("witnesses on loopback", .timeLimit(.minutes(3)))
struct WitnessServerTests {
    @Test func aLedgerCollectsTheCosignaturesOfTwoWitnessesAndServesThemWithItsCheckpoint() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let w1 = try await RunningWitness.start(try witnessKey(1), statePath: scratch.path + "/w1.sqlite", ledger: ledger.service)
        let w2 = try await RunningWitness.start(try witnessKey(2), statePath: scratch.path + "/w2.sqlite", ledger: ledger.service)
        let submitter = Task { await fastSubmitter(ledger.service, [w1.target, w2.target]).run() }
        try await grow(ledger)
        #expect(try await eventually { try allCosignedLatest(ledger.service, [w1, w2]) })
        try await grow(ledger)
        try await grow(ledger)
        #expect(try await eventually { try allCosignedLatest(ledger.service, [w1, w2]) })
        submitter.cancel()
        await submitter.value
        await w1.stop()
        await w2.stop()

        let view = try ledger.service.checkpoint(CheckpointGetRequest())
        let note = try SignedNote(parsing: view.note)
        #expect(note.isSigned(by: try NoteVerifier(verifierKey: ledger.service.verifierKey)))
        #expect(Cosignature.check(note, witnesses: [w1.key.verifier, w2.key.verifier]).signed.count == 2)
        #expect(try ledger.service.cosignedCheckpoint() == view.note)
        let info = try ledger.service.info()
        #expect(info.checkpoint == view.note)
        #expect(info.witnesses?.map(\.size) == [view.size, view.size])
        // Each with the key the submitter checked its lines with: what the check pages verify them by.
        #expect(info.witnesses?.map(\.verifierKey) == [w1.key.verifier.verifierKey, w2.key.verifier.verifierKey])

        // A statement carries the cosigned checkpoint: with two witnesses required it verifies…
        let statement = try ledger.service.statement(StatementRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.root)
        let both = try WitnessPolicy(witnessKeys: [w1.key.verifier.verifierKey, w2.key.verifier.verifierKey], minimum: 2)
        #expect(StatementVerifier.verify(statement, verifierKey: ledger.service.verifierKey, witnesses: both).ok)
        // …and with one of the two cosignatures it does not, saying whose is missing.
        var one = statement
        one.checkpoint = view.note.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains(w2.key.name) }.joined(separator: "\n")
        let report = StatementVerifier.verify(one, verifierKey: ledger.service.verifierKey, witnesses: both)
        #expect(!report.ok)
        #expect(report.problems.contains { $0.contains(w2.key.name) && $0.contains("1 of") })
        #expect(StatementVerifier.verify(one, verifierKey: ledger.service.verifierKey).ok)

        // A tiles mirror's checkpoint carries the cosignatures, and `audit --tiles` asks for them.
        _ = try ledger.service.mirrorTiles(to: scratch.path + "/mirror")
        let audit = ["audit", "--tiles", scratch.path + "/mirror", "--verifier-key", ledger.service.verifierKey]
        let keys = [w1, w2].flatMap { ["--witness-key", $0.key.verifier.verifierKey] }
        let audited = try CommandRunner.run(audit + keys)
        #expect(audited.status == 0, "\(audited.stdout)\(audited.stderr)")
        #expect(audited.stdout.contains("cosigned by 2 of 2 witnesses (2 required)"), "\(audited.stdout)")
        let short = try CommandRunner.run(audit + keys + ["--witness-key", try witnessKey(3).verifier.verifierKey])
        #expect(short.status == 1)
        #expect(short.stdout.contains("FAILED:"), "\(short.stdout)")
    }

    @Test func theLedgerKeepsWritingWhileAWitnessIsDownAndItCatchesUpWhenItIsBack() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let state = scratch.path + "/w1.sqlite"
        let first = try await RunningWitness.start(try witnessKey(1), statePath: state, ledger: ledger.service)
        let submitter = Task { await fastSubmitter(ledger.service, [first.target]).run() }
        #expect(try await eventually { try allCosignedLatest(ledger.service, [first]) })
        let cosigned = try ledger.service.cosignedSize(by: first.key.verifier)
        await first.stop()

        // Writes go on: were they to wait for the witness, which is down, they would never return.
        for n in 0..<5 { try await grow(ledger, id: "down-\(n)") }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try ledger.service.cosignedSize(by: first.key.verifier) == cosigned)

        let back = try await RunningWitness.start(try witnessKey(1), statePath: state, ledger: ledger.service, port: first.port)
        #expect(try await eventually { try allCosignedLatest(ledger.service, [back]) })
        submitter.cancel()
        await submitter.value
        await back.stop()
        #expect(try ledger.service.cosignedSize(by: back.key.verifier) > cosigned)
    }

    /// A ledger that lost its record of what a witness cosigned (a new
    /// database under the same key sends old 0) is told the size by 409 and
    /// submits again from it.
    @Test func aSubmitterAnswers409WithTheWitnessesSize() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let witness = try await RunningWitness.start(try witnessKey(1), statePath: scratch.path + "/w1.sqlite", ledger: ledger.service)
        let body = try #require(try ledger.service.witnessSubmission(old: 0)).body
        let direct = try await post(body.text, to: witness)
        #expect(direct.status == 200)
        try await grow(ledger)
        // The ledger keeps no cosignature yet, so its submitter starts from old 0.
        #expect(try ledger.service.cosignedSize(by: witness.key.verifier) == 0)
        let submitter = Task { await fastSubmitter(ledger.service, [witness.target]).run() }
        #expect(try await eventually { try allCosignedLatest(ledger.service, [witness]) })
        submitter.cancel()
        await submitter.value
        await witness.stop()
    }

    @Test func theWitnessAnswersOverHTTPWithTheSpecsStatusesAndTypes() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let ledger = try await TestLedger.make()
        let witness = try await RunningWitness.start(try witnessKey(1), statePath: scratch.path + "/w1.sqlite", ledger: ledger.service)
        let first = try #require(try ledger.service.witnessSubmission(old: 0)).body
        let ok = try await post(first.text, to: witness)
        #expect(ok.status == 200)
        #expect(ok.body.hasPrefix("\u{2014} witness.test/w1 ") && ok.body.hasSuffix("\n"))
        let size = try Checkpoint(body: try SignedNote(parsing: first.note).text).size
        try await grow(ledger)
        let stale = try await post(try #require(try ledger.service.witnessSubmission(old: 0)).body.text, to: witness)
        #expect(stale.status == 409)
        #expect(stale.contentType == "text/x.tlog.size")
        #expect(stale.body == "\(size)\n")
        #expect(try await post(try #require(try ledger.service.witnessSubmission(old: size)).body.text, to: witness).status == 200)
        #expect(try await post("garbage", to: witness).status == 400)
        let huge = String(repeating: "A", count: AddCheckpointBody.maxBytes + 1)
        #expect(try await post(huge, to: witness).status == 413)
        await witness.stop()
    }

    struct Reply {
        var status: UInt
        var contentType: String?
        var body: String
    }

    func post(_ body: String, to witness: RunningWitness) async throws -> Reply {
        var request = HTTPClientRequest(url: witness.url + "/add-checkpoint")
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return Reply(status: response.status.code, contentType: response.headers.first(name: "Content-Type"), body: text)
    }
}
