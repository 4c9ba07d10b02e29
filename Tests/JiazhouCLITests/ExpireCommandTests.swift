import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `jiazhou expire` through the real binary.
@Suite struct ExpireCommandTests {
    @Test func theCommandSaysWhatItWroteOffOrThatNothingWasDue() async throws {
        let ledger = try await TestLedger.make(inFile: true, rules: TestLedger.plainRules + "expiry_months: 1\n")
        defer { ledger.remove() }
        let path = try #require(ledger.path)
        // Awarded long enough ago that the command's real clock finds it expired.
        ledger.clock.set(Timestamp(rfc3339: "2026-09-01T00:00:00Z")!)
        _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(3), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        let early = try CommandRunner.run(["expire", "--db", path, "--as-of", "2026-09-15T00:00:00Z"])
        #expect(early.status == 0 && early.stdout.contains("nothing to expire"), "\(early.stdout)\(early.stderr)")
        let due = try CommandRunner.run(["expire", "--db", path])
        #expect(due.status == 0 && due.stdout.contains("expired 20 points of 1 volunteers"), "\(due.stdout)\(due.stderr)")
        #expect(try CommandRunner.run(["verify", "--db", path]).status == 0)
    }
}
