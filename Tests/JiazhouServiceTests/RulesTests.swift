import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// The rules in the ledger: published, priced, explained, capped, budgeted,
/// evaluated without writing, and given back by a reversal.
@Suite struct RulesTests {
    func ledger() async throws -> TestLedger { try await TestLedger.make(rules: TestLedger.defaultRules) }

    /// Volunteers 2 and 3 have no tags; volunteer 1 is in the silver-age alliance (+5 an award).
    func award(_ ledger: TestLedger, _ n: Int = 3, _ activity: Activity, key: String? = nil) async throws -> AwardResult {
        try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(n), activity: activity), actor: TestLedger.baiyangOffice, key: key)
    }

    @Test func anAwardRecordsItsRuleSetFactsExplanationPeriodsAndLot() async throws {
        let ledger = try await ledger()
        let saturday = TestLedger.activity(minutes: 120, start: "2026-11-28T09:00:00+08:00")
        let result = try await award(ledger, 1, saturday)
        #expect(result.points == 29)
        #expect(result.explanation.map { $0["rule"] } == ["category.environment", "rule.weekend_holiday", "rule.silver_age"])
        let entry = try ledger.service.entry(EntryGetRequest(seq: result.seq), actor: TestLedger.root).entry
        let data = try #require(entry["data"])
        let rules = try ledger.service.rules(RulesGetRequest())
        #expect(data["rules"] == ["version": 1, "hash": .string(rules.hash)])
        #expect(data["explanation"] == .array(result.explanation))
        #expect(data["facts"]?["volunteer"] == ["tags": ["silver_age"], "minutes": 0])
        #expect(data["facts"]?["budget"] == 30_000)
        #expect(data["periods"] == ["day": "2026-11-28", "week": "2026-W48", "month": "2026-11", "budget_month": "2026-11"])
        #expect(data["lot"]?["available"] == "2026-11-30T00:00:00.000Z")  // the test clock's now + 7 days
    }

    @Test func theDayCapCountsAcrossAwardsAndAReversalGivesItBack() async throws {
        let ledger = try await ledger()
        let first = try await award(ledger, 3, TestLedger.activity("a", minutes: 300))
        let second = try await award(ledger, 3, TestLedger.activity("b", minutes: 300))
        #expect(second.minutes == 180)
        #expect(await refusal { try await award(ledger, 3, TestLedger.activity("c", minutes: 60)) } == .cap_exceeded)
        // Another day is another cap.
        #expect(try await award(ledger, 3, TestLedger.activity("d", minutes: 60, start: "2026-11-24T08:30:00+08:00")).minutes == 60)
        _ = try await ledger.service.reverse(ReverseRequest(seq: first.seq, reason: "wrong volunteer"), actor: TestLedger.baiyangOffice, key: nil)
        #expect(try await award(ledger, 3, TestLedger.activity("e", minutes: 300)).minutes == 300)
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    @Test func anIssuersBudgetTrimsTheAwardThatReachesItAndRefusesTheNext() async throws {
        let ledger = try await ledger()
        let grid = TestLedger.baiyangGrid
        _ = try await ledger.service.openAccount(AccountOpenRequest(account: .issuer(for: grid), scope: grid, budget: 30), actor: TestLedger.root, key: nil)
        let activity = TestLedger.activity(scope: grid)
        #expect(try await award(ledger, 2, activity).points == 20)
        let trimmed = try await award(ledger, 3, activity)
        #expect(trimmed.points == 10)
        #expect(trimmed.explanation.last?["rule"] == "budget")
        #expect(await refusal { try await award(ledger, 4, activity) } == .budget_exhausted)
        // What the coordinator's page shows: the month's figure the cap counts, and nothing left.
        let spent = try ledger.service.account(AccountGetRequest(account: .issuer(for: grid)), actor: TestLedger.gridWorker)
        #expect(spent.budgetMonth == "2026-11" && spent.budgetUsed == 30 && spent.budgetLeft == 0)
        // A reversal gives its points back to the month's budget.
        _ = try await ledger.service.reverse(ReverseRequest(seq: trimmed.seq, reason: "wrong volunteer"), actor: TestLedger.baiyangOffice, key: nil)
        let after = try ledger.service.account(AccountGetRequest(account: .issuer(for: grid)), actor: TestLedger.gridWorker)
        #expect(after.budgetUsed == 20 && after.budgetLeft == 10)
        // A new month is a new budget: the budget month is the award's, not the activity's.
        ledger.clock.set(Timestamp(rfc3339: "2026-12-01T00:00:00Z")!)
        let december = try ledger.service.account(AccountGetRequest(account: .issuer(for: grid)), actor: TestLedger.gridWorker)
        #expect(december.budgetMonth == "2026-12" && december.budgetUsed == 0 && december.budgetLeft == 30)
        #expect(try await award(ledger, 4, activity).points == 20)
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    @Test func pointsArePendingDuringThePublicNoticeThenSpendable() async throws {
        let ledger = try await ledger()
        _ = try await award(ledger, 3, TestLedger.activity())
        let now = try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(3)), actor: TestLedger.root)
        #expect(now.balance == 20 && now.pending == 20 && now.spendable == 0)
        ledger.clock.advance(milliseconds: 7 * 86_400_000)
        let later = try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(3)), actor: TestLedger.root)
        #expect(later.pending == 0 && later.spendable == 20 && later.expiringSoon == 0)
        ledger.clock.advance(milliseconds: (2 * 365 - 20) * 86_400_000)
        let expiring = try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(3)), actor: TestLedger.root)
        #expect(expiring.expiringSoon == 20)
        #expect(expiring.minutes == 120, "hours are the record of service and never expire")
    }

    @Test func evaluatePricesExactlyAsAwardWouldAndWritesNothing() async throws {
        let ledger = try await ledger()
        _ = try await award(ledger, 3, TestLedger.activity("before", minutes: 400))
        let request = AwardRequest(volunteer: TestLedger.volunteer(3), activity: TestLedger.activity("after", minutes: 200))
        let size = try ledger.service.info().size
        let evaluated = try ledger.service.evaluate(request, actor: TestLedger.baiyangOffice)
        #expect(try ledger.service.info().size == size)
        let awarded = try await ledger.service.award(request, actor: TestLedger.baiyangOffice, key: nil)
        #expect(evaluated.points == awarded.points && evaluated.minutes == awarded.minutes && evaluated.explanation == awarded.explanation)
        #expect(evaluated.minutes == 80)
    }

    @Test func aVolunteerMayEvaluateForItselfButNotForAnother() async throws {
        let ledger = try await ledger()
        let mine = AwardRequest(volunteer: TestLedger.volunteer(3), activity: TestLedger.activity())
        #expect(try ledger.service.evaluate(mine, actor: TestLedger.volunteer(3)).points == 20)
        #expect(refusal { try ledger.service.evaluate(mine, actor: TestLedger.volunteer(2)) } == .forbidden)
        #expect(refusal { try ledger.service.evaluate(mine, actor: TestLedger.jiangbinOffice) } == .forbidden)
    }

    @Test func publishingANewVersionPricesLaterAwardsAndKeepsTheOldOneReadable() async throws {
        let ledger = try await ledger()
        let before = try await award(ledger, 3, TestLedger.activity("a"))
        let doubled = TestLedger.plainRules.replacingOccurrences(of: "version: 1", with: "version: 2")
            .replacingOccurrences(of: "points_per_hour: 10", with: "points_per_hour: 20")
        let published = try await ledger.service.publishRules(RulesPublishRequest(ruleset: doubled), actor: TestLedger.root, key: "rules-2")
        #expect(published.version == 2)
        let after = try await award(ledger, 3, TestLedger.activity("b"))
        #expect(before.points == 20 && after.points == 40)
        #expect(try ledger.service.rules(RulesGetRequest()).ruleset == doubled)
        #expect(try ledger.service.rules(RulesGetRequest(version: 1)).ruleset == TestLedger.defaultRules)
        let report = try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root)
        #expect(report.ok && report.awardsRepriced == 2)
    }

    @Test func aRuleSetIsPublishedOnlyByTheOperatorWithAHigherVersionAndWhole() async throws {
        let ledger = try await ledger()
        let size = try ledger.service.info().size
        let next = TestLedger.plainRules.replacingOccurrences(of: "version: 1", with: "version: 2")
        #expect(await refusal { try await ledger.service.publishRules(RulesPublishRequest(ruleset: next), actor: TestLedger.streetOffice, key: nil) } == .forbidden)
        #expect(await refusal { try await ledger.service.publishRules(RulesPublishRequest(ruleset: TestLedger.plainRules), actor: TestLedger.root, key: nil) } == .rules_invalid)
        let broken = next + "rules:\n  - {id: x, label: X, bonus: 1, when: 'volunteer.tags + 1'}\n  - {id: y, percent: 5}\n"
        do {
            _ = try await ledger.service.publishRules(RulesPublishRequest(ruleset: broken), actor: TestLedger.root, key: nil)
            Issue.record("published")
        } catch {
            #expect(error.reason == .rules_invalid)
            #expect(error.message.contains("2 problems"), "\(error.message)")
            #expect(error.message.contains("rules.x.when: type error") && error.message.contains("rules.y.label"), "\(error.message)")
        }
        #expect(try ledger.service.info().size == size, "nothing is written")
    }

    @Test func starsFollowCountedHoursWhichSpendingNeverLowers() async throws {
        let ledger = try await ledger()
        var day: Int64 = 0
        // 13 days of 8 hours: 104 counted hours = 1★.
        for _ in 0..<13 {
            let start = Timestamp(millisecondsSince1970: Timestamp(rfc3339: "2026-11-02T08:00:00+08:00")!.millisecondsSince1970 + day * 86_400_000)
            day += 1
            _ = try await award(ledger, 2, TestLedger.activity("day-\(day)", minutes: 480, start: start.format(offsetMinutes: 480)))
        }
        let view = try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(2)), actor: TestLedger.root)
        #expect(view.hours == 104 && view.stars == 1)
    }
}
