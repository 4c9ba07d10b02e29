import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct SettleTests {
    /// The café takes 12 + 9 + 5, then reverses the 5: 21 points; the teahouse 4.
    private func fixtureWithTakings() async throws -> RedemptionFixture {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 600, activity: "a")  // 100
        _ = try await fixture.redeem(12, code: try await fixture.code())
        _ = try await fixture.redeem(9, code: try await fixture.code())
        let returned = try await fixture.redeem(5, code: try await fixture.code())
        _ = try await fixture.service.reverse(ReverseRequest(seq: returned.seq, reason: "退货"), actor: RedemptionFixture.cafe, key: nil)
        _ = try await fixture.redeem(4, code: try await fixture.code(), at: RedemptionFixture.teahouse)
        return fixture
    }

    @Test func aSettlementMovesExactlyTheMerchantsBalanceToTheSettledSink() async throws {
        let fixture = try await fixtureWithTakings()
        let settled = try await fixture.service.settle(SettleRequest(merchant: RedemptionFixture.cafe), actor: TestLedger.root, key: nil)
        #expect(settled.points == 21)
        #expect(try fixture.balance(RedemptionFixture.cafe) == 0)
        #expect(try fixture.balance(.settledSink) == 21)
        #expect(try fixture.balance(RedemptionFixture.teahouse) == 4)
        let entry = try fixture.service.entry(EntryGetRequest(seq: settled.seq), actor: TestLedger.root).entry
        #expect(entry["kind"] == "settle")
        #expect(entry["data"] == ["merchant": .string(RedemptionFixture.cafe.text), "points": 21, "through_seq": .integer(settled.seq - 1)])
        #expect(entry["postings"] == [["from": .string(RedemptionFixture.cafe.text), "to": "sink:settled", "points": 21]])
        #expect(try fixture.verifies())
    }

    @Test func onlyAnOperatorSettles() async throws {
        let fixture = try await fixtureWithTakings()
        let request = SettleRequest(merchant: RedemptionFixture.cafe)
        for actor in [RedemptionFixture.cafe, RedemptionFixture.teahouse, TestLedger.baiyangOffice, TestLedger.streetOffice, TestLedger.volunteer(1)] {
            #expect(await refusal { try await fixture.service.settle(request, actor: actor, key: nil) } == .forbidden, "\(actor)")
        }
        #expect(try fixture.balance(RedemptionFixture.cafe) == 21)
    }

    @Test func aMerchantWithNothingToSettleIsRefusedAndNothingIsWritten() async throws {
        let fixture = try await fixtureWithTakings()
        _ = try await fixture.service.settle(SettleRequest(merchant: RedemptionFixture.cafe), actor: TestLedger.root, key: nil)
        let size = try fixture.service.info().size
        #expect(await refusal { try await fixture.service.settle(SettleRequest(merchant: RedemptionFixture.cafe), actor: TestLedger.root, key: nil) } == .nothing_to_do)
        #expect(try fixture.service.info().size == size)
        #expect(await refusal { try await fixture.service.settle(SettleRequest(merchant: TestLedger.volunteer(1)), actor: TestLedger.root, key: nil) } == .invalid_request)
        let unopened = AccountID(unchecked: .merchant, "never-opened")
        #expect(await refusal { try await fixture.service.settle(SettleRequest(merchant: unopened), actor: TestLedger.root, key: nil) } == .unknown_account)
    }

    @Test func aSettlementIsNotReversible() async throws {
        let fixture = try await fixtureWithTakings()
        let settled = try await fixture.service.settle(SettleRequest(merchant: RedemptionFixture.cafe), actor: TestLedger.root, key: nil)
        #expect(await refusal { try await fixture.service.reverse(ReverseRequest(seq: settled.seq, reason: "付错了"), actor: TestLedger.root, key: nil) } == .not_reversible)
        #expect(try fixture.balance(.settledSink) == 21)
    }

    @Test func aSettlementSentAgainWithItsKeyWritesNothingNew() async throws {
        let fixture = try await fixtureWithTakings()
        let request = SettleRequest(merchant: RedemptionFixture.cafe)
        let first = try await fixture.service.settle(request, actor: TestLedger.root, key: "settle-2026-11")
        _ = try await fixture.redeem(3, code: try await fixture.code())
        let again = try await fixture.service.settle(request, actor: TestLedger.root, key: "settle-2026-11")
        #expect(again == first)
        #expect(try fixture.balance(RedemptionFixture.cafe) == 3)
        let other = SettleRequest(merchant: RedemptionFixture.teahouse)
        #expect(await refusal { try await fixture.service.settle(other, actor: TestLedger.root, key: "settle-2026-11") } == .idempotency_conflict)
        #expect(try fixture.verifies())
    }
}
