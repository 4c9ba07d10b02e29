import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct ReverseTests {
    private func awarded(_ ledger: TestLedger, volunteer: Int = 1, minutes: Int64 = 120) async throws -> AwardResult {
        try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(volunteer), activity: TestLedger.activity(minutes: minutes)), actor: TestLedger.baiyangOffice,
            key: nil)
    }

    @Test func reversingAnAwardTakesBackItsPointsAndItsServiceMinutes() async throws {
        let ledger = try await TestLedger.make()
        let award = try await awarded(ledger)
        _ = try await awarded(ledger, minutes: 60)
        let reversal = try await ledger.service.reverse(ReverseRequest(seq: award.seq, reason: "录入错误"), actor: TestLedger.baiyangOffice, key: nil)
        #expect(reversal.points == 20)
        let view = try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        #expect(view.balance == 10)
        #expect(view.earned == 10)
        #expect(view.minutes == 60)
        let original = try ledger.service.entry(EntryGetRequest(seq: award.seq), actor: TestLedger.root)
        #expect(original.reversedBy == reversal.seq)
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    @Test func reversingTwiceIsRefused() async throws {
        let ledger = try await TestLedger.make()
        let award = try await awarded(ledger)
        _ = try await ledger.service.reverse(ReverseRequest(seq: award.seq, reason: "错误"), actor: TestLedger.root, key: nil)
        let reason = await refusal { try await ledger.service.reverse(ReverseRequest(seq: award.seq, reason: "再次"), actor: TestLedger.root, key: nil) }
        #expect(reason == .already_reversed)
    }

    @Test func reversingAReversalIsRejected() async throws {
        let ledger = try await TestLedger.make()
        let award = try await awarded(ledger)
        let reversal = try await ledger.service.reverse(ReverseRequest(seq: award.seq, reason: "错误"), actor: TestLedger.root, key: nil)
        let reason = await refusal { try await ledger.service.reverse(ReverseRequest(seq: reversal.seq, reason: "撤销撤销"), actor: TestLedger.root, key: nil) }
        #expect(reason == .not_reversible)
    }

    @Test(arguments: [Int64(0), 1, 4])
    func genesisAccountsAndRulesCannotBeReversed(seq: Int64) async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal { try await ledger.service.reverse(ReverseRequest(seq: seq, reason: "no"), actor: TestLedger.root, key: nil) }
        #expect(reason == .not_reversible)
    }

    @Test(arguments: [Int64(-1), 1_000_000])
    func reversingAnEntryThatDoesNotExistIsRefused(seq: Int64) async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal { try await ledger.service.reverse(ReverseRequest(seq: seq, reason: "no"), actor: TestLedger.root, key: nil) }
        #expect(reason == .unknown_entry)
    }

    @Test func aCoordinatorReversesOnlyWhatItCouldHaveAwarded() async throws {
        let ledger = try await TestLedger.make()
        let award = try await awarded(ledger)
        let reason = await refusal {
            try await ledger.service.reverse(ReverseRequest(seq: award.seq, reason: "not mine"), actor: TestLedger.jiangbinOffice, key: nil)
        }
        #expect(reason == .forbidden)
        let byStreet = try await ledger.service.reverse(ReverseRequest(seq: award.seq, reason: "street office"), actor: TestLedger.streetOffice, key: nil)
        #expect(byStreet.points == 20)
    }

    @Test(arguments: ["", "   "])
    func aReversalNeedsAReason(reason text: String) async throws {
        let ledger = try await TestLedger.make()
        let award = try await awarded(ledger)
        let reason = await refusal { try await ledger.service.reverse(ReverseRequest(seq: award.seq, reason: text), actor: TestLedger.root, key: nil) }
        #expect(reason == .invalid_request)
    }
}
