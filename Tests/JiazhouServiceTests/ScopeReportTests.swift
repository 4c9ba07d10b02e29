import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `report scope`: a scope's awards in a month per volunteer, for the
/// office's spreadsheet.
@Suite struct ScopeReportTests {
    @Test func aScopesMonthCountsItsAwardsLessReversalsWithNamesWhereKept() async throws {
        let ledger = try await TestLedger.make()
        let service = ledger.service
        let root = TestLedger.root
        _ = try await service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity("a", minutes: 90)), actor: root, key: nil)
        _ = try await service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity("b", minutes: 60)), actor: root, key: nil)
        let mistaken = try await service.award(AwardRequest(volunteer: TestLedger.volunteer(2), activity: TestLedger.activity("c", minutes: 60)), actor: root, key: nil)
        _ = try await service.reverse(ReverseRequest(seq: mistaken.seq, reason: "重复"), actor: root, key: nil)
        // Elsewhere, or in another month: not in the report.
        _ = try await service.award(
            AwardRequest(volunteer: TestLedger.volunteer(4), activity: TestLedger.activity("d", scope: TestLedger.jiangbin)), actor: root, key: nil)
        _ = try await service.award(
            AwardRequest(volunteer: TestLedger.volunteer(3), activity: TestLedger.activity("e", start: "2026-10-30T08:30:00+08:00")), actor: root, key: nil)

        let report = try service.scopeReport(ScopeReportRequest(scope: TestLedger.baiyang, month: "2026-11"), actor: TestLedger.baiyangOffice)
        #expect(report.volunteers.map(\.volunteer) == [TestLedger.volunteer(1)])
        #expect(report.volunteers.first?.name == "测试志愿者1")
        #expect(report.volunteers.first?.awards == 2)
        #expect(report.volunteers.first?.minutes == 150)
        #expect(report.points == 25 && report.minutes == 150)
        // The street sees its communities' awards; another community's office may not look.
        let street = try service.scopeReport(ScopeReportRequest(scope: TestLedger.street, month: "2026-11"), actor: TestLedger.streetOffice)
        #expect(street.volunteers.map(\.volunteer) == [TestLedger.volunteer(1), TestLedger.volunteer(4)])
        let refusal = #expect(throws: LedgerError.self) {
            try service.scopeReport(ScopeReportRequest(scope: TestLedger.baiyang, month: "2026-11"), actor: TestLedger.jiangbinOffice)
        }
        #expect(refusal?.reason == .forbidden)
        #expect(throws: LedgerError.self) { try service.scopeReport(ScopeReportRequest(scope: TestLedger.baiyang, month: "11/2026"), actor: root) }
    }
}
