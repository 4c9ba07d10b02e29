import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// The service's bulk award (`awardSheet`), which `jiazhou award import` and
/// an HTTP upload both call: the same checks, pricing and idempotency as
/// `award`, with authorization decided inside the sheet's transaction.
@Suite struct AwardSheetTests {
    /// Rows handed out in order, as a sheet's reader would.
    final class Rows: AwardSheetRows {
        private var items: [AwardSheetItem]
        init(_ items: [AwardSheetItem]) { self.items = items.reversed() }
        func next() throws(LedgerError) -> AwardSheetItem? { items.popLast() }
    }

    private static let defaults = AwardSheetRequest.Defaults(
        activity: "cleanup-1205", category: "环境整治", start: "2026-11-23T08:30:00+08:00", tags: [], scope: TestLedger.baiyang)

    private static func request(_ digest: UInt8 = 1, dryRun: Bool = false) -> AwardSheetRequest {
        AwardSheetRequest(sheetDigest: TreeHasher.sha256([digest]), defaults: defaults, dryRun: dryRun)
    }

    private static func row(_ row: Int, _ volunteer: Int, minutes: Int64 = 60, activity: String? = nil) -> AwardSheetItem {
        .row(AwardSheetRow(row: row, volunteer: TestLedger.volunteer(volunteer), minutes: minutes, activity: activity, category: nil, start: nil, tags: nil))
    }

    private func balance(_ ledger: TestLedger, _ n: Int) throws -> Int64 {
        try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(n)), actor: TestLedger.root).balance
    }

    @Test func aSheetIsAwardedRowByRowByTheCategoryLabelAndOnlyOnce() async throws {
        let ledger = try await TestLedger.make()
        let rows = [Self.row(2, 1), Self.row(3, 2, minutes: 90), Self.row(4, 3, activity: "cleanup-1206")]
        let result = try await ledger.service.awardSheet(Self.request(), rows: Rows(rows), actor: TestLedger.baiyangOffice, key: nil)
        #expect(result.problems.isEmpty)
        #expect(result.written == 3)
        #expect(result.points == 10 + 15 + 10)
        #expect(result.activities == ["cleanup-1205", "cleanup-1206"])
        #expect(try balance(ledger, 2) == 15)
        let again = try await ledger.service.awardSheet(Self.request(), rows: Rows(rows), actor: TestLedger.baiyangOffice, key: nil)
        #expect(again.alreadyImported)
        #expect(try balance(ledger, 2) == 15)
        await #expect(throws: LedgerError.self) {
            try await ledger.service.awardSheet(Self.request(2), rows: Rows(rows), actor: TestLedger.baiyangOffice, key: Self.request().defaultKey)
        }
        #expect(try ledger.service.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }

    @Test func aCoordinatorOutsideTheScopeIsRefusedInsideTheTransaction() async throws {
        let ledger = try await TestLedger.make()
        let size = try ledger.service.info().size
        let error = await #expect(throws: LedgerError.self) {
            try await ledger.service.awardSheet(Self.request(), rows: Rows([Self.row(2, 1)]), actor: TestLedger.jiangbinOffice, key: nil)
        }
        #expect(error?.reason == .forbidden)
        #expect(try ledger.service.info().size == size)
    }

    @Test func everyBadRowIsReportedAndNothingIsWritten() async throws {
        let ledger = try await TestLedger.make()
        let size = try ledger.service.info().size
        let rows: [AwardSheetItem] = [
            Self.row(2, 1),
            .problem(.init(row: 3, column: "B", reason: "missing_value", message: "no volunteer")),
            .row(AwardSheetRow(row: 4, volunteer: TestLedger.merchant, minutes: 60, activity: nil, category: nil, start: nil, tags: nil)),
            Self.row(5, 9),
        ]
        let result = try await ledger.service.awardSheet(Self.request(), rows: Rows(rows), actor: TestLedger.baiyangOffice, key: nil)
        #expect(result.problems.map(\.row) == [3, 4, 5])
        #expect(result.problems.map(\.reason) == ["missing_value", "invalid_request", "unknown_account"])
        #expect(try ledger.service.info().size == size)
        #expect(try balance(ledger, 1) == 0)
        // Nothing was recorded under the key: the fixed sheet is awarded.
        let fixed = try await ledger.service.awardSheet(Self.request(), rows: Rows([Self.row(2, 1)]), actor: TestLedger.baiyangOffice, key: nil)
        #expect(fixed.written == 1)
    }

    @Test func theActivitysTitleIsKeptInTheEntryForTheCertificate() async throws {
        let ledger = try await TestLedger.make()
        var defaults = Self.defaults
        defaults.title = "九龙巷清洁家园"
        let request = AwardSheetRequest(sheetDigest: TreeHasher.sha256([7]), defaults: defaults, dryRun: false)
        let result = try await ledger.service.awardSheet(request, rows: Rows([Self.row(2, 1)]), actor: TestLedger.baiyangOffice, key: nil)
        let entry = try #require(try ledger.service.store.read { try $0.entry(result.firstSeq!) }).entry
        #expect(entry.award?.activity.title == "九龙巷清洁家园")
        #expect(entry.data["activity"]?["title"] == "九龙巷清洁家园")
        // A title on two lines, or too long for a certificate, is refused by row.
        defaults.title = String(repeating: "长", count: 100)
        let long = AwardSheetRequest(sheetDigest: TreeHasher.sha256([8]), defaults: defaults, dryRun: false)
        let refused = try await ledger.service.awardSheet(long, rows: Rows([Self.row(2, 2)]), actor: TestLedger.baiyangOffice, key: nil)
        #expect(refused.problems.map(\.reason) == ["invalid_request"])
    }

    @Test func aDryRunPricesEveryRowAndWritesNothing() async throws {
        let ledger = try await TestLedger.make()
        let size = try ledger.service.info().size
        let result = try await ledger.service.awardSheet(
            Self.request(dryRun: true), rows: Rows([Self.row(2, 1), Self.row(3, 2)]), actor: TestLedger.baiyangOffice, key: nil)
        #expect(result.problems.isEmpty)
        #expect(result.points == 20)
        #expect(try ledger.service.info().size == size)
        let real = try await ledger.service.awardSheet(Self.request(), rows: Rows([Self.row(2, 1), Self.row(3, 2)]), actor: TestLedger.baiyangOffice, key: nil)
        #expect(real.written == 2)
    }
}
