import JiazhouCore
import JiazhouRules
import JiazhouService
import JiazhouTesting
import Testing

/// A till cannot guess codes: after the rule set's `unknown_code_limit`
/// codes never issued within `unknown_code_minutes`, its redemptions are
/// refused `rate_limited` for the rest of the window.
@Suite struct CodeThrottleTests {
    static let rules = TestLedger.plainRules + "redemption: {unknown_code_limit: 3, unknown_code_minutes: 10}\n"

    private func guess(_ fixture: RedemptionFixture, at merchant: AccountID = RedemptionFixture.cafe, _ n: Int) async -> Reason? {
        await refusal { try await fixture.redeem(1, code: "ZZZZ-ZZ\(n % 10)Z", at: merchant) }
    }

    @Test func aTillThatGuessesIsStoppedEvenWithARealCodeAndOtherTillsAreNot() async throws {
        let fixture = try await RedemptionFixture.make(rules: Self.rules)
        try await fixture.earn(minutes: 120, activity: "a")
        for n in 0..<3 { #expect(await guess(fixture, n) == .unknown_code) }
        let code = try await fixture.code()
        do {
            _ = try await fixture.redeem(5, code: code)
            Issue.record("a fourth try went through")
        } catch let error as LedgerError {
            #expect(error.reason == .rate_limited)
            #expect(error.details?["retry_after_seconds"] == .integer(600))
        }
        #expect(await guess(fixture, 4) == .rate_limited, "and it learns nothing about its guesses")
        #expect(await refusal { try await fixture.redeem(5, code: code, at: RedemptionFixture.teahouse) } == nil)
    }

    @Test func theTillMayTryAgainOnceTheFirstGuessIsAWindowOld() async throws {
        let fixture = try await RedemptionFixture.make(rules: Self.rules)
        try await fixture.earn(minutes: 120, activity: "a")
        let clock = fixture.ledger.clock
        #expect(await guess(fixture, 0) == .unknown_code)
        clock.advance(milliseconds: 4 * 60_000)
        #expect(await guess(fixture, 1) == .unknown_code)
        #expect(await guess(fixture, 2) == .unknown_code)
        clock.advance(milliseconds: 5 * 60_000)
        do {
            _ = try await fixture.redeem(1, code: "ZZZZ-ZZZZ")
            Issue.record("not throttled")
        } catch let error as LedgerError {
            #expect(error.details?["retry_after_seconds"] == .integer(60), "the first guess is 9 of 10 minutes old")
        }
        clock.advance(milliseconds: 60_000)
        #expect(await refusal { try await fixture.redeem(5, code: try await fixture.code()) } == nil)
    }

    @Test func usedAndExpiredCodesAreNotGuesses() async throws {
        let fixture = try await RedemptionFixture.make(rules: Self.rules)
        try await fixture.earn(minutes: 120, activity: "a")
        let code = try await fixture.code()
        _ = try await fixture.redeem(1, code: code)
        for _ in 0..<5 { #expect(await refusal { try await fixture.redeem(1, code: code) } == .code_used) }
        #expect(await refusal { try await fixture.redeem(1, code: try await fixture.code()) } == nil)
    }

    @Test func theLimitAndTheWindowAreValidated() async throws {
        for bad in ["redemption: {unknown_code_limit: 0}\n", "redemption: {unknown_code_minutes: 1441}\n"] {
            #expect(refusal { try RuleSet(yaml: TestLedger.plainRules + bad) } == .rules_invalid, "\(bad)")
        }
        let rules = try RuleSet(yaml: TestLedger.defaultRules)
        #expect((rules.redemption.unknownCodeLimit, rules.redemption.unknownCodeMinutes) == (10, 15))
    }
}
