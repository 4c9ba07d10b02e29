import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// The merchant report as a service call (the binary's table is tested in `JiazhouCLITests`).
@Suite struct MerchantMonthTests {
    @Test func onlyAnOperatorReadsAMerchantsMonth() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")
        _ = try await fixture.redeem(7, code: try await fixture.code())
        let request = MerchantReportRequest(merchant: RedemptionFixture.cafe, month: "2026-11")
        for actor in [RedemptionFixture.cafe, TestLedger.baiyangOffice, TestLedger.volunteer(1)] {
            #expect(refusal { try fixture.service.merchantReport(request, actor: actor) } == .forbidden, "\(actor)")
        }
        let report = try fixture.service.merchantReport(request, actor: TestLedger.root)
        #expect(report.days.map(\.day) == ["2026-11-23"])
        #expect(report.total == 7)
        #expect(report.settlements.isEmpty)
    }

    @Test(arguments: ["2026-13", "2026-1", "26-11", "2026-11-01", ""])
    func aMonthIsWrittenYearDashMonth(month: String) async throws {
        let fixture = try await RedemptionFixture.make()
        let request = MerchantReportRequest(merchant: RedemptionFixture.cafe, month: month)
        #expect(refusal { try fixture.service.merchantReport(request, actor: TestLedger.root) } == .invalid_request)
    }
}
