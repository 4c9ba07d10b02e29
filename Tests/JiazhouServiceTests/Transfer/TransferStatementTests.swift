import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// A volunteer's statement proves its gifts, given and received, and its
/// suspensions: they change its balance (or nothing), never its hours.
@Suite struct TransferStatementTests {
    @Test func aStatementWithGiftsAndASuspensionVerifies() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        try await fixture.earn(minutes: 120, activity: "a")
        try await fixture.earn(2, minutes: 60, activity: "b")
        try await fixture.give(15, from: 1, to: 2)
        try await fixture.give(4, from: 2, to: 1)
        _ = try await fixture.service.updateAccount(AccountUpdateRequest(account: TestLedger.volunteer(1), status: .suspended), actor: TestLedger.root, key: nil)
        for volunteer in [1, 2] {
            let statement = try fixture.service.statement(StatementRequest(volunteer: TestLedger.volunteer(volunteer)), actor: TestLedger.root)
            let report = StatementVerifier.verify(statement, verifierKey: fixture.service.verifierKey)
            #expect(report.ok, "\(report.problems)")
        }
        let giver = try fixture.service.statement(StatementRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.root)
        #expect((giver.balance, giver.earned, giver.minutes) == (9, 20, 120))
        #expect(giver.entries.count == 5)  // open, award, two gifts, suspension
    }
}
