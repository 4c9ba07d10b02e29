import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

@Suite struct TransferTests {
    @Test func aGiftTakesTheGiversOldestLotsAndOpensOneLotForTheRecipient() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        let first = try await fixture.earn(minutes: 120, activity: "a")  // 20
        let second = try await fixture.earn(minutes: 120, activity: "b")  // 20
        let gift = try await fixture.give(30, note: "给奶奶")
        #expect(gift.points == 30)
        #expect(gift.balance == 10)
        #expect(gift.expires == nil, "plain rules: points never expire")
        #expect(try fixture.remaining(1) == [second: 10])
        #expect(try fixture.remaining(2) == [gift.seq: 30])
        let data = try fixture.entryData(gift.seq)
        #expect(data["lots"] == lotList([(first, 20), (second, 10)]))
        #expect(data["note"] == "给奶奶")
        #expect(data["lot"]?["available"]?.stringValue == fixture.ledger.clock.now().rfc3339)
        #expect(try fixture.verifies())
    }

    @Test func hoursStarsAndEarnedPointsNeverMove() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        try await fixture.earn(minutes: 240, activity: "a")  // 40 points, 240 minutes
        try await fixture.give(40)
        let giver = try fixture.view(1)
        let recipient = try fixture.view(2)
        #expect((giver.balance, giver.earned, giver.minutes) == (0, 40, 240))
        #expect((recipient.balance, recipient.earned, recipient.minutes, recipient.spendable) == (40, 0, 0, 40))
    }

    @Test func theRecipientSpendsTheGiftAtOnceAndItExpiresWithTheOldestPointsInIt() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.dated)
        let clock = fixture.ledger.clock
        let first = try await fixture.earn(minutes: 120, activity: "a")  // 20, expires in a month
        clock.advance(milliseconds: 10 * 86_400_000)
        try await fixture.earn(minutes: 120, activity: "b")  // 20, ten days younger
        clock.advance(milliseconds: 2 * 86_400_000)
        let gift = try await fixture.give(30)
        let firstExpiry = try #require(fixture.entryData(first)["lot"]?["expires"]?.stringValue)
        #expect(gift.expires?.rfc3339 == firstExpiry, "a gift never outlives the oldest points it was made of")
        let spent = try await fixture.redeem(10, code: try await fixture.code(2))
        #expect(try fixture.entryData(spent.seq)["lots"] == lotList([(gift.seq, 10)]))
        clock.advance(milliseconds: 20 * 86_400_000)  // past the first lot's expiry
        let expired = try await fixture.service.expire(ExpireRequest(), actor: TestLedger.root, key: nil)
        #expect(expired.pointsTotal == 20, "the gift's 20 left, and nothing of the giver's younger lot")
        #expect(try fixture.balance(TestLedger.volunteer(2)) == 0)
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 10)
        #expect(try fixture.verifies())
    }

    @Test func pointsInTheirNoticeCannotBeGiven() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.dated)
        try await fixture.earn(minutes: 120, activity: "a")
        #expect(await refusal { try await fixture.give(5) } == .insufficient_points)
        fixture.ledger.clock.advance(milliseconds: 86_400_000)
        #expect(await refusal { try await fixture.give(5) } == nil)
    }

    @Test func aVolunteerGivesOnlyItsOwnPointsAndTheOperatorMayGiveForIt() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        try await fixture.earn(minutes: 120, activity: "a")
        for actor in [TestLedger.volunteer(2), TestLedger.baiyangOffice, TestLedger.streetOffice, RedemptionFixture.cafe] {
            #expect(await refusal { try await fixture.give(5, actor: actor) } == .forbidden, "\(actor)")
        }
        #expect(await refusal { try await fixture.give(5, actor: TestLedger.root) } == nil)
    }

    @Test(arguments: [
        ("volunteer:V000001", "volunteer:V000001"), ("volunteer:V000001", "merchant:jiulongxiang-cafe"),
        ("merchant:jiulongxiang-cafe", "volunteer:V000002"), ("issuer:shizhong", "volunteer:V000002"), ("volunteer:V000001", "sink:settled"),
    ])
    func pointsGoOnlyFromOneVolunteerToAnother(from: String, to: String) async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        try await fixture.earn(minutes: 120, activity: "a")
        let request = TransferRequest(from: try AccountID(from), to: try AccountID(to), points: 5)
        // Giving to oneself is well formed, and a rule of the ledger refuses it.
        #expect(await refusal { try await fixture.service.transfer(request, actor: TestLedger.root, key: nil) } == (from == to ? .transfer_not_allowed : .invalid_request))
    }

    @Test func badPointsAndNotesAreRefused() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        for points in [0, -5, Int64(Limits.maxSafeInteger) + 1] {
            #expect(await refusal { try await fixture.give(points) } == .invalid_request)
        }
        #expect(await refusal { try await fixture.give(5, note: "") } == .invalid_request)
        #expect(await refusal { try await fixture.give(5, note: String(repeating: "x", count: 1025)) } == .invalid_request)
    }

    @Test func anUnknownRecipientOrGiverIsRefused() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        try await fixture.earn(minutes: 120, activity: "a")
        #expect(await refusal { try await fixture.give(5, to: 99) } == .unknown_account)
        #expect(await refusal { try await fixture.give(5, from: 98, actor: TestLedger.root) } == .unknown_account)
    }

    @Test func aRuleSetWithoutATransferPolicyAllowsNoGifts() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")
        #expect(await refusal { try await fixture.give(5) } == .transfer_not_allowed)
        let closed = try await RedemptionFixture.make(rules: TestLedger.plainRules + "transfer: {allowed: false, giver_day_points: 10}\n")
        try await closed.earn(minutes: 120, activity: "a")
        #expect(await refusal { try await closed.give(5) } == .transfer_not_allowed)
        #expect(try closed.balance(TestLedger.volunteer(1)) == 20)
    }

    @Test func aPolicyWithTagsGivesOnlyToVolunteersCarryingOne() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.silverAgeOnly)
        try await fixture.earn(2, minutes: 120, activity: "a")
        #expect(await refusal { try await fixture.give(5, from: 2, to: 3) } == .transfer_not_allowed)
        #expect(await refusal { try await fixture.give(5, from: 2, to: 1) } == nil, "volunteer 1 is silver-age")
    }

    @Test func theGiversAndTheRecipientsDailyLimitsHold() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        for n in 1...3 { try await fixture.earn(n, minutes: 900, activity: "a\(n)") }  // 150 each
        try await fixture.give(60, from: 1, to: 2)
        #expect(await refusal { try await fixture.give(41, from: 1, to: 3) } == .limit_exceeded, "volunteer 1 may give 100 a day")
        try await fixture.give(40, from: 1, to: 3)
        try await fixture.give(90, from: 3, to: 2)
        #expect(await refusal { try await fixture.give(1, from: 3, to: 2) } == .limit_exceeded, "volunteer 2 may receive 150 a day")
        #expect(try fixture.service.store.read { try $0.usage(TestLedger.volunteer(2), period: "transfer-in:2026-11-23").points } == 150)
        fixture.ledger.clock.advance(milliseconds: 86_400_000)
        try await fixture.give(1, from: 3, to: 2)
        #expect(try fixture.verifies())
    }

    @Test func aGiftIsWrittenOnceForOneKey() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        try await fixture.earn(minutes: 120, activity: "a")
        let first = try await fixture.give(5, key: "gift-1")
        #expect(try await fixture.give(5, key: "gift-1") == first)
        #expect(await refusal { try await fixture.give(6, key: "gift-1") } == .idempotency_conflict)
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 15)
    }

    @Test func giftsPassOnAndTheRecipientsHistoryShowsThem() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        try await fixture.earn(minutes: 120, activity: "a")
        let gift = try await fixture.give(20, from: 1, to: 2)
        let onward = try await fixture.give(15, from: 2, to: 3)
        #expect(try fixture.entryData(onward.seq)["lots"] == lotList([(gift.seq, 15)]))
        let history = try fixture.service.history(AccountHistoryRequest(account: TestLedger.volunteer(2)), actor: TestLedger.root)
        #expect(history.entries.suffix(2).map(\.points) == [20, -15])
        #expect(history.entries.suffix(2).map(\.kind) == [.transfer, .transfer])
        #expect(try fixture.verifies())
    }
}
