import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct MerchantTakingsTests {
    @Test func aMerchantSeesTodaysTakingsLessReversalsAndAFreshDayStartsAtZero() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 600, activity: "a")
        _ = try await fixture.redeem(12, code: try await fixture.code())
        let returned = try await fixture.redeem(5, code: try await fixture.code())
        _ = try await fixture.redeem(9, code: try await fixture.code(), at: RedemptionFixture.teahouse)
        _ = try await fixture.service.reverse(ReverseRequest(seq: returned.seq, reason: "退货"), actor: RedemptionFixture.cafe, key: nil)
        let today = try fixture.service.account(AccountGetRequest(account: RedemptionFixture.cafe), actor: RedemptionFixture.cafe)
        #expect(today.takingsToday == 12)
        #expect(today.takingsDay == "2026-11-23")
        fixture.ledger.clock.set(Timestamp(rfc3339: "2026-11-23T16:00:00Z")!)
        let tomorrow = try fixture.service.account(AccountGetRequest(account: RedemptionFixture.cafe), actor: RedemptionFixture.cafe)
        #expect(tomorrow.takingsToday == 0)
        #expect(tomorrow.takingsDay == "2026-11-24")
        #expect(tomorrow.balance == 12)
        let volunteer = try fixture.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        #expect(volunteer.takingsToday == nil)
    }
}
