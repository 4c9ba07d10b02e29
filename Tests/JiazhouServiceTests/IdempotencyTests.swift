import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct IdempotencyTests {
    @Test func theSameKeyWithTheSameParamsReturnsTheFirstResultAndWritesNothing() async throws {
        let ledger = try await TestLedger.make()
        let request = AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity())
        let first = try await ledger.service.award(request, actor: TestLedger.baiyangOffice, key: "sheet-7/V000001")
        let size = try ledger.service.info().size
        let again = try await ledger.service.award(request, actor: TestLedger.baiyangOffice, key: "sheet-7/V000001")
        #expect(again == first)
        #expect(try ledger.service.info().size == size)
        #expect(try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root).balance == 20)
    }

    @Test func theSameKeyWithOtherParamsIsAConflict() async throws {
        let ledger = try await TestLedger.make()
        _ = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.baiyangOffice, key: "k")
        let reason = await refusal {
            try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity(minutes: 121)), actor: TestLedger.baiyangOffice, key: "k")
        }
        #expect(reason == .idempotency_conflict)
    }

    @Test func keysBelongToTheirActor() async throws {
        let ledger = try await TestLedger.make()
        let request = AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity())
        let first = try await ledger.service.award(request, actor: TestLedger.baiyangOffice, key: "cleanup")
        let second = try await ledger.service.award(request, actor: TestLedger.streetOffice, key: "cleanup")
        #expect(second.seq != first.seq)
    }

    @Test func aRefusedRequestDoesNotUseUpItsKey() async throws {
        let ledger = try await TestLedger.make()
        let bad = AwardRequest(volunteer: TestLedger.volunteer(99), activity: TestLedger.activity())
        #expect(await refusal { try await ledger.service.award(bad, actor: TestLedger.root, key: "k") } == .unknown_account)
        let good = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: "k")
        #expect(good.points == 20)
    }

    @Test(arguments: ["", String(repeating: "k", count: 129), "line\nbreak"])
    func malformedKeysAreRefused(key: String) async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal {
            try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: key)
        }
        #expect(reason == .invalid_request)
    }

    @Test func twoRequestsWithOneKeyInOneCommitGroupWriteOnce() async throws {
        let ledger = try await TestLedger.make()
        let request = AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity())
        let size = try ledger.service.info().size
        async let a = ledger.service.award(request, actor: TestLedger.root, key: "same")
        async let b = ledger.service.award(request, actor: TestLedger.root, key: "same")
        let (first, second) = try await (a, b)
        #expect(first == second)
        #expect(try ledger.service.info().size == size + 1)
    }
}
