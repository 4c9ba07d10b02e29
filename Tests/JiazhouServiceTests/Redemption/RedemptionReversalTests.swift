import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct RedemptionReversalTests {
    @Test func aReversalPutsThePointsBackIntoTheVeryLotsTheyCameFrom() async throws {
        let fixture = try await RedemptionFixture.make()
        let first = try await fixture.earn(minutes: 120, activity: "a")  // 20
        let second = try await fixture.earn(minutes: 120, activity: "b")  // 20
        let spent = try await fixture.redeem(30, code: try await fixture.code())
        _ = try await fixture.redeem(5, code: try await fixture.code())  // leaves second at 5
        let givenBack = try await fixture.service.reverse(ReverseRequest(seq: spent.seq, reason: "退货"), actor: RedemptionFixture.cafe, key: nil)
        #expect(givenBack.points == 30)
        #expect(try fixture.remaining() == [first: 20, second: 15])
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 35)
        #expect(try fixture.balance(RedemptionFixture.cafe) == 5)
        let data = try fixture.entryData(givenBack.seq)
        #expect(data["reversed_kind"] == .string("redeem"))
        #expect(data["lots"] == lotList([(first, 20), (second, 10)]))
        #expect(try fixture.service.entry(EntryGetRequest(seq: spent.seq), actor: TestLedger.root).reversedBy == givenBack.seq)
        let volunteer = try fixture.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        #expect(volunteer.earned == 40)
        #expect(try fixture.verifies())
    }

    @Test func aRedemptionIsReversedOnceAndItsReversalIsNeverReversed() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")
        let spent = try await fixture.redeem(10, code: try await fixture.code())
        let givenBack = try await fixture.service.reverse(ReverseRequest(seq: spent.seq, reason: "退货"), actor: TestLedger.root, key: nil)
        #expect(await refusal { try await fixture.service.reverse(ReverseRequest(seq: spent.seq, reason: "再退"), actor: RedemptionFixture.cafe, key: nil) } == .already_reversed)
        #expect(await refusal { try await fixture.service.reverse(ReverseRequest(seq: givenBack.seq, reason: "撤销退货"), actor: TestLedger.root, key: nil) } == .not_reversible)
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 20)
        #expect(try fixture.verifies())
    }

    @Test func onlyTheMerchantItPaidOrAnOperatorMayReverseARedemption() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")
        let spent = try await fixture.redeem(10, code: try await fixture.code())
        let request = ReverseRequest(seq: spent.seq, reason: "退货")
        for actor in [RedemptionFixture.teahouse, TestLedger.volunteer(1), TestLedger.baiyangOffice, TestLedger.streetOffice] {
            #expect(await refusal { try await fixture.service.reverse(request, actor: actor, key: nil) } == .forbidden, "\(actor)")
        }
        #expect(await refusal { try await fixture.service.reverse(request, actor: RedemptionFixture.cafe, key: nil) } == nil)
    }

    @Test func awardsStillReverseAsBeforeAndTakeWhatASpendingLeftInTheirLots() async throws {
        let fixture = try await RedemptionFixture.make()
        let first = try await fixture.earn(minutes: 120, activity: "a")  // 20
        let second = try await fixture.earn(minutes: 120, activity: "b")  // 20
        let third = try await fixture.earn(minutes: 120, activity: "c")  // 20
        _ = try await fixture.redeem(25, code: try await fixture.code())  // first 0, second 15, third 20
        let reversal = try await fixture.service.reverse(ReverseRequest(seq: second, reason: "错误"), actor: TestLedger.root, key: nil)
        #expect(try fixture.entryData(reversal.seq)["lots"] == lotList([(second, 15), (third, 5)]))
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 15)
        #expect(await refusal { try await fixture.service.reverse(ReverseRequest(seq: first, reason: "错误"), actor: TestLedger.root, key: nil) } == .insufficient_points)
        #expect(try fixture.verifies())
    }
}

/// A reversal that puts points back into a lot an expiry run has since written
/// off: they return past their date, are not spendable, and the next run
/// writes them off — expiry is never escaped by a reversal.
@Suite struct RedemptionReversalAfterExpiryTests {
    static let day: Int64 = 86_400_000

    @Test func pointsPutBackIntoAnExpiredLotAreWrittenOffByTheNextRun() async throws {
        let fixture = try await RedemptionFixture.make(rules: TestLedger.plainRules + "expiry_months: 1\n")
        let older = try await fixture.earn(minutes: 120, activity: "a")  // 20
        fixture.ledger.clock.advance(milliseconds: 10 * Self.day)
        let newer = try await fixture.earn(minutes: 120, activity: "b")  // 20
        let spent = try await fixture.redeem(15, code: try await fixture.code())  // older 5, newer 20
        fixture.ledger.clock.advance(milliseconds: 25 * Self.day)
        let first = try await fixture.service.expire(ExpireRequest(), actor: TestLedger.root, key: nil)
        #expect(first.pointsTotal == 5, "the older lot's remainder expires; the newer lot is a fortnight old")
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 20)

        let givenBack = try await fixture.service.reverse(ReverseRequest(seq: spent.seq, reason: "退货"), actor: RedemptionFixture.cafe, key: nil)
        #expect(givenBack.points == 15)
        #expect(try fixture.remaining() == [older: 15, newer: 20], "the points went back to the very lot they came from")
        let view = try fixture.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        #expect(view.balance == 35)
        #expect(view.spendable == 20, "points put back past their lot's date are not spendable")
        #expect(await refusal { try await fixture.redeem(21, code: try await fixture.code()) } == .insufficient_points)

        let second = try await fixture.service.expire(ExpireRequest(), actor: TestLedger.root, key: nil)
        #expect(second.pointsTotal == 15)
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 20)
        #expect(try fixture.verifies())
    }
}
