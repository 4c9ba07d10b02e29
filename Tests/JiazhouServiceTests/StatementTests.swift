import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct StatementTests {
    private func statement(withProfile: Bool = false) async throws -> (TestLedger, Statement) {
        let ledger = try await TestLedger.make()
        let volunteer = TestLedger.volunteer(1)
        var seqs: [Int64] = []
        for (i, category) in ["environment", "elder_care", "home_visit", "culture"].enumerated() {
            seqs.append(
                try await ledger.service.award(
                    AwardRequest(volunteer: volunteer, activity: TestLedger.activity("s\(i)", category: category, minutes: 90)), actor: TestLedger.root,
                    key: nil
                ).seq)
            _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(2), activity: TestLedger.activity("o\(i)")), actor: TestLedger.root, key: nil)
        }
        _ = try await ledger.service.reverse(ReverseRequest(seq: seqs[1], reason: "错误"), actor: TestLedger.root, key: nil)
        return (ledger, try ledger.service.statement(StatementRequest(volunteer: volunteer, withProfile: withProfile), actor: TestLedger.root))
    }

    @Test func aStatementProvesEveryEntryAndItsTotals() async throws {
        let (ledger, statement) = try await statement()
        let report = StatementVerifier.verify(statement, verifierKey: ledger.service.verifierKey)
        #expect(report.ok, "\(report.problems)")
        #expect(statement.entries.count == 6)  // open, four awards, one reversal
        #expect(statement.minutes == 270)
        #expect(statement.earned == 15 + 22 + 12)
        #expect(statement.profile == nil)
    }

    @Test func aProfileIsIncludedOnlyForTheOperatorAndProvesItsCommitment() async throws {
        let (ledger, statement) = try await statement(withProfile: true)
        #expect(statement.profile?["name"] == "测试志愿者1")
        #expect(StatementVerifier.verify(statement, verifierKey: ledger.service.verifierKey).ok)
        var forged = statement
        forged.profile = ["name": "别人", "phone": "19900000001"]
        #expect(!StatementVerifier.verify(forged, verifierKey: ledger.service.verifierKey).ok)
        let reason = refusal {
            try ledger.service.statement(StatementRequest(volunteer: TestLedger.volunteer(1), withProfile: true), actor: TestLedger.baiyangOffice)
        }
        #expect(reason == .forbidden)
        #expect(try ledger.service.statement(StatementRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.volunteer(1)).entries.count == 6)
        #expect(refusal { try ledger.service.statement(StatementRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.volunteer(2)) } == .forbidden)
    }

    @Test func alteredStatementsFail() async throws {
        let (ledger, statement) = try await statement()
        let key = ledger.service.verifierKey
        var inflated = statement
        inflated.minutes += 600
        #expect(!StatementVerifier.verify(inflated, verifierKey: key).ok)
        var moreStars = statement
        moreStars.stars = 3
        #expect(!StatementVerifier.verify(moreStars, verifierKey: key).ok)
        var dropped = statement
        dropped.entries.remove(at: 5)  // hide the reversal: the totals no longer add up
        #expect(!StatementVerifier.verify(dropped, verifierKey: key).ok)
        var edited = statement
        edited.entries[2].entry = edited.entries[2].entry.replacingOccurrences(of: "\"minutes\":90", with: "\"minutes\":900")
        #expect(!StatementVerifier.verify(edited, verifierKey: key).ok)
        let other = try ledger.service.statement(StatementRequest(volunteer: TestLedger.volunteer(2)), actor: TestLedger.root)
        var borrowed = statement
        borrowed.entries.append(other.entries[1])
        #expect(StatementVerifier.verify(borrowed, verifierKey: key).problems.contains { $0.contains("does not concern") })
        let wrongKey = try NoteSigner(name: "jiazhou.test/shizhong", seed: [UInt8](repeating: 3, count: 32)).verifier.verifierKey
        #expect(!StatementVerifier.verify(statement, verifierKey: wrongKey).ok)
    }
}
