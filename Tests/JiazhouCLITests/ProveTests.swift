import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// A volunteer's proof, made by `jiazhou prove`, checks offline with only
/// the verifier key — and fails when anything in it is changed.
@Suite struct ProveTests {
    private func proofFile() async throws -> (TestLedger, String, String, Int64) {
        let ledger = try await TestLedger.make(inFile: true)
        let award = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(2), activity: TestLedger.activity("敬老院探访", category: "elder_care")), actor: TestLedger.root, key: nil)
        for i in 0..<9 {
            _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity("x\(i)")), actor: TestLedger.root, key: nil)
        }
        let proved = try CommandRunner.run(["prove", "--db", try #require(ledger.path), String(award.seq)])
        #expect(proved.status == 0, "\(proved.stderr)")
        let file = try #require(ledger.directory) + "/proof.json"
        try Data(proved.stdout.utf8).write(to: URL(fileURLWithPath: file))
        return (ledger, file, ledger.service.verifierKey, award.seq)
    }

    @Test func aProofChecksOfflineWithTheVerifierKey() async throws {
        let (ledger, file, key, seq) = try await proofFile()
        defer { ledger.remove() }
        let outcome = try CommandRunner.run(["verify-proof", file, "--key", key])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("ok: entry \(seq) (award)"))
    }

    @Test func aChangedEntryOrPathOrAnotherKeyFails() async throws {
        let (ledger, file, key, _) = try await proofFile()
        defer { ledger.remove() }
        let original = try String(contentsOfFile: file, encoding: .utf8)
        let points = try #require(original.range(of: "\\\"points\\\":30"))
        let edits = [
            original.replacingCharacters(in: points, with: "\\\"points\\\":95"),
            original.replacingOccurrences(of: "\"path\" : [\n    \"", with: "\"path\" : [\n    \"0"),
        ]
        for edited in edits {
            #expect(edited != original)
            try Data(edited.utf8).write(to: URL(fileURLWithPath: file))
            #expect(try CommandRunner.run(["verify-proof", file, "--key", key]).status == 1)
        }
        try Data(original.utf8).write(to: URL(fileURLWithPath: file))
        let other = try NoteSigner(name: "jiazhou.test/shizhong", seed: [UInt8](repeating: 9, count: 32)).verifier.verifierKey
        let outcome = try CommandRunner.run(["verify-proof", file, "--key", other])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("not signed by"))
    }
}
