import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// A mistaken gift is undone by the operator while the recipient still holds all of it.
@Suite struct TransferReversalTests {
    @Test func theOperatorReversesAGiftBackIntoTheGiversVeryLots() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        let first = try await fixture.earn(minutes: 120, activity: "a")  // 20
        let second = try await fixture.earn(minutes: 120, activity: "b")  // 20
        let gift = try await fixture.give(30)
        let reversal = try await fixture.service.reverse(ReverseRequest(seq: gift.seq, reason: "给错了人"), actor: TestLedger.root, key: nil)
        #expect(reversal.points == 30)
        #expect(try fixture.remaining(1) == [first: 20, second: 20])
        #expect(try fixture.remaining(2) == [:])
        let data = try fixture.entryData(reversal.seq)
        #expect(data["reversed_kind"] == "transfer")
        #expect(data["lots"] == lotList([(first, 20), (second, 10)]))
        #expect(try fixture.service.store.read { try $0.usage(TestLedger.volunteer(1), period: "transfer-out:2026-11-23").points } == 0)
        try await fixture.earn(minutes: 600, activity: "c")  // 100
        try await fixture.give(100)  // the day's limit (100) counts the reversed gift no more
        #expect(try fixture.verifies())
    }

    @Test func neitherTheGiverNorTheRecipientNorACoordinatorMayReverseAGift() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        try await fixture.earn(minutes: 120, activity: "a")
        let gift = try await fixture.give(10)
        for actor in [TestLedger.volunteer(1), TestLedger.volunteer(2), TestLedger.baiyangOffice, TestLedger.streetOffice] {
            #expect(await refusal { try await fixture.service.reverse(ReverseRequest(seq: gift.seq, reason: "x"), actor: actor, key: nil) } == .forbidden, "\(actor)")
        }
    }

    @Test func aGiftPartlySpentCannotBeReversed() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        try await fixture.earn(minutes: 120, activity: "a")
        let gift = try await fixture.give(20)
        let spent = try await fixture.redeem(5, code: try await fixture.code(2))
        let request = ReverseRequest(seq: gift.seq, reason: "给错了人")
        #expect(await refusal { try await fixture.service.reverse(request, actor: TestLedger.root, key: nil) } == .insufficient_points)
        _ = try await fixture.service.reverse(ReverseRequest(seq: spent.seq, reason: "退货"), actor: RedemptionFixture.cafe, key: nil)
        #expect(await refusal { try await fixture.service.reverse(request, actor: TestLedger.root, key: nil) } == nil, "reversing the redemption made it whole again")
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 20)
        #expect(try fixture.verifies())
    }

    @Test func aGiftIsReversedOnceAndItsReversalNever() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        try await fixture.earn(minutes: 120, activity: "a")
        let gift = try await fixture.give(10)
        let reversal = try await fixture.service.reverse(ReverseRequest(seq: gift.seq, reason: "x"), actor: TestLedger.root, key: nil)
        #expect(await refusal { try await fixture.service.reverse(ReverseRequest(seq: gift.seq, reason: "y"), actor: TestLedger.root, key: nil) } == .already_reversed)
        #expect(await refusal { try await fixture.service.reverse(ReverseRequest(seq: reversal.seq, reason: "z"), actor: TestLedger.root, key: nil) } == .not_reversible)
        #expect(try fixture.verifies())
    }
}
