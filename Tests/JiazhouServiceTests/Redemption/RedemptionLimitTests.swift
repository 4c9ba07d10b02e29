import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct RedemptionLimitTests {
    /// The plain rules with small daily redemption limits.
    static let limitedRules = TestLedger.plainRules + """
        redemption:
          code_minutes: 5
          merchant_day_points: 50
          volunteer_day_points: 30

        """

    @Test func aVolunteerSpendsAtMostItsDailyLimitAndAFreshDayStartsAgain() async throws {
        let fixture = try await RedemptionFixture.make(rules: Self.limitedRules)
        try await fixture.earn(minutes: 600, activity: "a")  // 100
        _ = try await fixture.redeem(25, code: try await fixture.code())
        #expect(await refusal { try await fixture.redeem(6, code: try await fixture.code()) } == .limit_exceeded)
        _ = try await fixture.redeem(5, code: try await fixture.code())
        // 2026-11-23T16:00Z is midnight in Asia/Shanghai.
        fixture.ledger.clock.set(Timestamp(rfc3339: "2026-11-23T16:00:00Z")!)
        let next = try await fixture.redeem(30, code: try await fixture.code())
        #expect(try fixture.entryData(next.seq)["periods"] == ["day": .string("2026-11-24")])
        #expect(try fixture.verifies())
    }

    @Test func aMerchantTakesAtMostItsDailyLimitFromAllVolunteers() async throws {
        let fixture = try await RedemptionFixture.make(rules: Self.limitedRules)
        for n in 1...2 { try await fixture.earn(n, minutes: 600, activity: "a") }
        _ = try await fixture.redeem(30, code: try await fixture.code(1))
        #expect(await refusal { try await fixture.redeem(21, code: try await fixture.code(2)) } == .limit_exceeded)
        _ = try await fixture.redeem(20, code: try await fixture.code(2))
        _ = try await fixture.redeem(10, code: try await fixture.code(2), at: RedemptionFixture.teahouse)
    }

    @Test func aRedemptionsReversalGivesTheDailyRoomBack() async throws {
        let fixture = try await RedemptionFixture.make(rules: Self.limitedRules)
        try await fixture.earn(minutes: 600, activity: "a")
        let spent = try await fixture.redeem(30, code: try await fixture.code())
        #expect(await refusal { try await fixture.redeem(1, code: try await fixture.code()) } == .limit_exceeded)
        _ = try await fixture.service.reverse(ReverseRequest(seq: spent.seq, reason: "退货"), actor: RedemptionFixture.cafe, key: nil)
        _ = try await fixture.redeem(30, code: try await fixture.code())
        #expect(try fixture.verifies())
    }

    @Test func aCodeLivesTheMinutesOfTheRuleSetInForce() async throws {
        let fixture = try await RedemptionFixture.make(rules: Self.limitedRules)
        try await fixture.earn(minutes: 60, activity: "a")
        let code = try await fixture.code()
        fixture.ledger.clock.advance(milliseconds: 5 * 60_000 - 1)
        let alive = try await fixture.code()
        _ = try await fixture.redeem(1, code: code)
        fixture.ledger.clock.advance(milliseconds: 5 * 60_000)
        #expect(await refusal { try await fixture.redeem(1, code: alive) } == .code_expired)
    }
}
