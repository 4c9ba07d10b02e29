import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct RedeemTests {
    @Test func aRedemptionPaysTheMerchantFromTheOldestLotsFirstPartlyFromTheLast() async throws {
        let fixture = try await RedemptionFixture.make()
        let first = try await fixture.earn(minutes: 120, activity: "a")  // 20
        let second = try await fixture.earn(minutes: 120, activity: "b")  // 20
        let third = try await fixture.earn(minutes: 180, activity: "c")  // 30
        let one = try await fixture.redeem(30, code: try await fixture.code(), item: "拿铁")
        #expect(one.balance == 40)
        #expect(try fixture.remaining() == [second: 10, third: 30])
        let data = try fixture.entryData(one.seq)
        #expect(data["lots"] == lotList([(first, 20), (second, 10)]))
        #expect(data["item"] == .string("拿铁"))
        #expect(data["volunteer"] == .string(TestLedger.volunteer(1).text))
        #expect(data["periods"] == ["day": .string("2026-11-23")])
        let two = try await fixture.redeem(15, code: try await fixture.code())
        #expect(try fixture.entryData(two.seq)["lots"] == lotList([(second, 10), (third, 5)]))
        #expect(try fixture.remaining() == [third: 25])
        #expect(try fixture.balance(RedemptionFixture.cafe) == 45)
        let volunteer = try fixture.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        #expect(volunteer.balance == 25)
        #expect(volunteer.earned == 70, "spending never lowers what was earned")
        #expect(volunteer.minutes == 420, "nor the service record")
        #expect(try fixture.verifies())
    }

    @Test func theEntryRecordsTheCodesHashNeverTheCode() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 60, activity: "a")
        let code = try await fixture.code()
        let seq = try await fixture.redeem(5, code: code).seq
        let entry = try fixture.service.entry(EntryGetRequest(seq: seq), actor: TestLedger.root).entry
        #expect(entry["data"]?["code_hash"] == .string(RedemptionCode(typed: code)!.hash.hex))
        #expect(!entry.canonicalText.contains(RedemptionCode(typed: code)!.characters))
        #expect(entry["kind"] == .string("redeem"))
        #expect(entry["postings"] == [["from": .string(TestLedger.volunteer(1).text), "to": .string(RedemptionFixture.cafe.text), "points": 5]])
    }

    @Test func pointsInTheirPublicNoticeAreNotSpendable() async throws {
        let fixture = try await RedemptionFixture.make(rules: TestLedger.defaultRules)
        try await fixture.earn(minutes: 120, activity: "a")
        let earned = try fixture.balance(TestLedger.volunteer(1))
        #expect(earned > 0)
        #expect(await refusal { try await fixture.redeem(1, code: try await fixture.code()) } == .insufficient_points)
        fixture.ledger.clock.advance(milliseconds: 7 * 86_400_000 + 1)
        let spent = try await fixture.redeem(earned, code: try await fixture.code())
        #expect(spent.balance == 0)
        #expect(try fixture.verifies())
    }

    @Test func pendingLotsAreSkippedNotWaitedFor() async throws {
        let fixture = try await RedemptionFixture.make(rules: TestLedger.defaultRules)
        let old = try await fixture.earn(minutes: 60, activity: "a")
        fixture.ledger.clock.advance(milliseconds: 8 * 86_400_000)
        let fresh = try await fixture.earn(minutes: 60, activity: "b")
        let oldPoints = try #require(try fixture.remaining()[old])
        #expect(await refusal { try await fixture.redeem(oldPoints + 1, code: try await fixture.code()) } == .insufficient_points)
        let spent = try await fixture.redeem(oldPoints, code: try await fixture.code())
        #expect(try fixture.entryData(spent.seq)["lots"] == lotList([(old, oldPoints)]))
        #expect(try fixture.remaining().keys.sorted() == [fresh])
    }

    @Test func aRefusedRedemptionWritesNothingAndLeavesTheCodeUsable() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 60, activity: "a")  // 10
        let code = try await fixture.code()
        let size = try fixture.service.info().size
        #expect(await refusal { try await fixture.redeem(11, code: code) } == .insufficient_points)
        #expect(try fixture.service.info().size == size)
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 10)
        #expect(try await fixture.redeem(10, code: code).balance == 0)
    }

    @Test func aCodeIsUsableOnceAndOnlyWhileItLives() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")
        let code = try await fixture.code()
        _ = try await fixture.redeem(5, code: code)
        #expect(await refusal { try await fixture.redeem(5, code: code) } == .code_used)
        #expect(await refusal { try await fixture.redeem(5, code: code, at: RedemptionFixture.teahouse) } == .code_used)
        let late = try await fixture.code()
        fixture.ledger.clock.advance(milliseconds: 10 * 60_000)
        #expect(await refusal { try await fixture.redeem(5, code: late) } == .code_expired)
        #expect(await refusal { try await fixture.redeem(5, code: "ZZZZ-ZZZZ") } == .unknown_code)
        #expect(await refusal { try await fixture.redeem(5, code: "hello, till") } == .invalid_request)
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 15)
    }

    @Test func aMerchantRedeemsOnlyIntoItself() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")
        let code = try await fixture.code()
        let intoOther = RedeemRequest(merchant: RedemptionFixture.cafe, code: code, points: 5)
        for actor in [RedemptionFixture.teahouse, TestLedger.volunteer(1), TestLedger.baiyangOffice] {
            #expect(await refusal { try await fixture.service.redeem(intoOther, actor: actor, key: nil) } == .forbidden, "\(actor)")
        }
        #expect(await refusal { try await fixture.service.redeem(intoOther, actor: TestLedger.root, key: nil) } == nil)
        let unopened = RedeemRequest(merchant: AccountID(unchecked: .merchant, "nowhere"), code: try await fixture.code(), points: 5)
        #expect(await refusal { try await fixture.service.redeem(unopened, actor: TestLedger.root, key: nil) } == .unknown_account)
        let toVolunteer = RedeemRequest(merchant: TestLedger.volunteer(2), code: try await fixture.code(), points: 5)
        #expect(await refusal { try await fixture.service.redeem(toVolunteer, actor: TestLedger.root, key: nil) } == .invalid_request)
    }

    @Test(arguments: [Int64(0), -5])
    func pointsMustBePositive(points: Int64) async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")
        #expect(await refusal { try await fixture.redeem(points, code: try await fixture.code()) } == .invalid_request)
    }

    @Test func theSameKeyGivesTheFirstRedemptionAgain() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")
        let request = RedeemRequest(merchant: RedemptionFixture.cafe, code: try await fixture.code(), points: 5)
        let first = try await fixture.service.redeem(request, actor: RedemptionFixture.cafe, key: "till-1:0042")
        let again = try await fixture.service.redeem(request, actor: RedemptionFixture.cafe, key: "till-1:0042")
        #expect(again == first)
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 15)
    }
}
