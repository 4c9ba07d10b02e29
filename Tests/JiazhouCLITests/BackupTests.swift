import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// `jiazhou backup`: an online copy, taken while the ledger is written, that
/// `verify` accepts and that holds a prefix of the chain.
@Suite struct BackupTests {
    @Test func aBackupTakenDuringWritesVerifiesAndIsAPrefixOfTheLedger() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let path = try #require(ledger.path)
        let copy = try #require(ledger.directory) + "/backup.sqlite"
        for i in 0..<20 {
            _ = try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(1 + i % 5), activity: TestLedger.activity("a\(i)", minutes: 30)), actor: TestLedger.root, key: nil)
        }
        let before = try ledger.service.info().size
        let writes = Task {
            for i in 0..<200 {
                _ = try await ledger.service.award(
                    AwardRequest(volunteer: TestLedger.volunteer(1 + i % 5), activity: TestLedger.activity("b\(i)", minutes: 30)), actor: TestLedger.root, key: nil)
            }
        }
        let backup = try CommandRunner.run(["backup", "--db", path, "--to", copy])
        try await writes.value
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stderr.contains("the signing key is not in the backup"))
        let verified = try CommandRunner.run(["verify", "--db", copy, "--semantic"])
        #expect(verified.status == 0, "\(verified.stdout)")
        // Every entry of the copy is the ledger's own: the copy's root is the
        // ledger's root at the copy's size.
        let copied = try LedgerStore.open(path: copy, readonly: true).read { try $0.head() }
        let now = try ledger.service.info()
        #expect(copied.size >= before && copied.size <= now.size)
        let proof = try ledger.service.consistencyProof(ConsistencyProofRequest(from: copied.size, to: now.size), actor: TestLedger.root)
        #expect(proof.proof.verifies(firstRoot: copied.root, secondRoot: now.root, using: .sha256Ed25519))
        let again = try CommandRunner.run(["backup", "--db", path, "--to", copy])
        #expect(again.status == 1 && again.stderr.contains("already exists"), "\(again.stderr)")
    }
}

