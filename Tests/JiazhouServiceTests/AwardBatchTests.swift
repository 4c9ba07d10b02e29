import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct AwardBatchTests {
    let cleanup = BatchActivity(id: "cleanup-1130", category: "environment", minutes: 120, start: "2026-11-30T08:30:00+08:00", scope: TestLedger.baiyang)

    func participants(_ rows: [(Int, Int64?)]) -> [AwardBatchRequest.Participant] {
        rows.map { AwardBatchRequest.Participant(volunteer: TestLedger.volunteer($0.0), minutes: $0.1) }
    }

    @Test func aSheetIsAwardedInOneRequestRowByRow() async throws {
        let ledger = try await TestLedger.make()
        let size = try ledger.service.info().size
        let result = try await ledger.service.awardBatch(
            AwardBatchRequest(activity: cleanup, participants: participants([(1, nil), (2, 60), (3, 180)])), actor: TestLedger.baiyangOffice, key: "sheet-1")
        #expect(result.seqs == [size, size + 1, size + 2])
        #expect(result.rows.map(\.points) == [20, 10, 30])
        #expect(result.pointsTotal == 60)
        #expect(result.rows.allSatisfy { $0.ok })
        #expect(try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(3)), actor: TestLedger.root).minutes == 180)
    }

    @Test func oneBadRowRefusesTheWholeSheetAndNamesEveryBadRow() async throws {
        let ledger = try await TestLedger.make()
        let size = try ledger.service.info().size
        let request = AwardBatchRequest(activity: cleanup, participants: participants([(1, 60), (404, 60), (2, 60), (1, 30), (3, 0)]))
        do {
            _ = try await ledger.service.awardBatch(request, actor: TestLedger.baiyangOffice, key: nil)
            Issue.record("written")
        } catch {
            #expect(error.reason == .unknown_account)
            #expect(error.message.contains("3 of 5 rows were refused"), "\(error.message)")
            let rows = try #require(error.details?["rows"]?.arrayValue)
            #expect(rows.map { $0["row"] } == [2, 4, 5])
            #expect(rows.map { $0["reason"] } == ["unknown_account", "invalid_request", "invalid_request"])
            #expect(rows[1]["message"]?.stringValue?.contains("already row 1") == true)
        }
        #expect(try ledger.service.info().size == size, "nothing is written")
    }

    @Test func aNonAtomicBatchWritesTheGoodRowsAndReportsTheOthers() async throws {
        let ledger = try await TestLedger.make()
        let result = try await ledger.service.awardBatch(
            AwardBatchRequest(activity: cleanup, participants: participants([(1, 60), (404, 60), (2, 60)]), atomic: false),
            actor: TestLedger.baiyangOffice, key: nil)
        #expect(result.rows.map(\.ok) == [true, false, true])
        #expect(result.rows[1].error?.reason == .unknown_account)
        #expect(result.seqs.count == 2)
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    @Test func theBudgetIsSpentRowByRowInOrder() async throws {
        let ledger = try await TestLedger.make(rules: TestLedger.defaultRules)
        let grid = TestLedger.baiyangGrid
        _ = try await ledger.service.openAccount(AccountOpenRequest(account: .issuer(for: grid), scope: grid, budget: 40), actor: TestLedger.root, key: nil)
        var activity = cleanup
        activity.scope = grid
        let result = try await ledger.service.awardBatch(
            AwardBatchRequest(activity: activity, participants: participants([(2, nil), (3, nil), (4, nil)]), atomic: false),
            actor: TestLedger.gridWorker, key: nil)
        #expect(result.rows.map(\.points) == [20, 20, nil])
        #expect(result.rows[2].error?.reason == .budget_exhausted)
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    @Test func resendingTheSheetWithItsKeyWritesNothingTwice() async throws {
        let ledger = try await TestLedger.make()
        let request = AwardBatchRequest(activity: cleanup, participants: participants([(1, nil), (2, nil)]))
        let first = try await ledger.service.awardBatch(request, actor: TestLedger.baiyangOffice, key: "sheet-1130")
        let size = try ledger.service.info().size
        #expect(try await ledger.service.awardBatch(request, actor: TestLedger.baiyangOffice, key: "sheet-1130") == first)
        #expect(try ledger.service.info().size == size)
        let changed = AwardBatchRequest(activity: cleanup, participants: participants([(1, nil), (3, nil)]))
        #expect(await refusal { try await ledger.service.awardBatch(changed, actor: TestLedger.baiyangOffice, key: "sheet-1130") } == .idempotency_conflict)
    }

    @Test func aBatchIsRefusedOutsideTheCoordinatorsScopeOrOutsideItsLimits() async throws {
        let ledger = try await TestLedger.make()
        let one = participants([(1, nil)])
        #expect(await refusal { try await ledger.service.awardBatch(AwardBatchRequest(activity: cleanup, participants: one), actor: TestLedger.jiangbinOffice, key: nil) } == .forbidden)
        #expect(await refusal { try await ledger.service.awardBatch(AwardBatchRequest(activity: cleanup, participants: []), actor: TestLedger.root, key: nil) } == .invalid_request)
        let many = Array(repeating: one[0], count: Limits.batchParticipants + 1)
        #expect(await refusal { try await ledger.service.awardBatch(AwardBatchRequest(activity: cleanup, participants: many), actor: TestLedger.root, key: nil) } == .too_large)
        var unknown = cleanup
        unknown.category = "karaoke"
        #expect(await refusal { try await ledger.service.awardBatch(AwardBatchRequest(activity: unknown, participants: one), actor: TestLedger.root, key: nil) } == .unknown_category)
    }
}
