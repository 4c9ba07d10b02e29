import JiazhouCore
import JiazhouRules
import JiazhouTesting
import Testing

/// Pricing with the district's default rule set: each rule, each cap, the
/// budget, and the times that make points spendable and expire.
@Suite struct PricingTests {
    let rules = try! RuleSet(yaml: DefaultRuleSet.text)

    /// 2026-11-23 is a Monday; 2026-11-28 a Saturday; 2026-10-01 National Day (a Thursday).
    func activity(_ category: String = "environment", minutes: Int64 = 120, start: String = "2026-11-23T08:30:00+08:00", tags: [String] = []) -> Activity {
        Activity(id: "a", category: category, minutes: minutes, start: start, scope: TestLedger.baiyang, tags: tags)
    }

    func rulesFired(_ pricing: Pricing) -> [String] { pricing.explanation.map(\.rule) }

    @Test func aWeekdayMorningIsTheCategoryRateAlone() throws {
        let pricing = try rules.price(.plain(activity()))
        #expect(pricing.points == 20)
        #expect(pricing.minutes == 120)
        #expect(rulesFired(pricing) == ["category.environment"])
    }

    @Test(arguments: [
        ("2026-11-28T08:30:00+08:00", 24, ["category.environment", "rule.weekend_holiday"]),  // Saturday
        ("2026-10-01T08:30:00+08:00", 24, ["category.environment", "rule.weekend_holiday"]),  // a Thursday, but National Day
        ("2026-11-23T19:30:00+08:00", 22, ["category.environment", "rule.night"]),
        ("2026-11-23T05:59:00+08:00", 22, ["category.environment", "rule.night"]),
        // 22:30 UTC on Friday is 06:30 on Saturday in Shanghai: the rule set's zone decides.
        ("2026-11-27T22:30:00Z", 24, ["category.environment", "rule.weekend_holiday"]),
        ("2026-11-28T20:00:00+08:00", 26, ["category.environment", "rule.weekend_holiday", "rule.night"]),
    ] as [(String, Int64, [String])])
    func weekendHolidayAndNightBonusesFollowLocalTime(start: String, points: Int64, fired: [String]) throws {
        let pricing = try rules.price(.plain(activity(start: start)))
        #expect(pricing.points == points)
        #expect(rulesFired(pricing) == fired)
    }

    @Test func priorityGroupsAndSilverAgeVolunteersEarnTheirBonuses() throws {
        let pricing = try rules.price(.plain(activity("elder_care", minutes: 90, tags: ["一老"]), tags: ["银龄"]))
        // 90 min × 15 = 22; +30% of 22 = 6; +5.
        #expect(pricing.points == 33)
        #expect(rulesFired(pricing) == ["category.elder_care", "rule.one_old_one_young", "rule.silver_age"])
        #expect(pricing.explanation[1].points == 6)
        #expect(pricing.explanation[1].detail.contains("一老一小"))
    }

    @Test func longServiceAddsFivePointsForEveryFourHoursCounted() throws {
        let pricing = try rules.price(.plain(activity(minutes: 480)))
        #expect(pricing.points == 80 + 10)
        #expect(rulesFired(pricing) == ["category.environment", "rule.long_service"])
    }

    @Test func atMostEightHoursADayCountAndTheRestEarnsNothing() throws {
        let pricing = try rules.price(.plain(activity(minutes: 300), usage: Usage(dayMinutes: 360)))
        #expect(pricing.minutes == 120)
        #expect(pricing.points == 20)
        let cap = try #require(pricing.explanation.first { $0.rule == "cap.day.minutes" })
        #expect(cap.minutes == -180)
        #expect(cap.json["minutes"] == -180)
    }

    @Test func whenTheDayIsFullNothingCountsAndTheAwardIsRefused() {
        #expect(refusal { try rules.price(.plain(activity(minutes: 60), tags: ["银龄"], usage: Usage(dayMinutes: 480))) } == .cap_exceeded)
    }

    @Test(arguments: [
        (Usage(dayPoints: 140), "cap.day.points", 10),
        (Usage(weekPoints: 590), "cap.week.points", 10),
        (Usage(monthPoints: 1995), "cap.month.points", 5),
    ] as [(Usage, String, Int64)])
    func pointsCapsTrimWhatIsLeftInTheirPeriod(usage: Usage, rule: String, points: Int64) throws {
        let pricing = try rules.price(.plain(activity(), usage: usage))
        #expect(pricing.points == points)
        #expect(pricing.minutes == 120, "service minutes are the record and are still counted")
        #expect(pricing.explanation.last?.rule == rule)
        #expect(pricing.explanation.last?.points == points - 20)
    }

    @Test func aFullPointsCapStillRecordsTheService() throws {
        let pricing = try rules.price(.plain(activity(), usage: Usage(dayPoints: 150)))
        #expect(pricing.points == 0)
        #expect(pricing.minutes == 120)
    }

    @Test func theBudgetTrimsToWhatIsLeftThenRefuses() throws {
        let trimmed = try rules.price(.plain(activity(), usage: Usage(budgetPoints: 990), budget: 1000))
        #expect(trimmed.points == 10)
        #expect(trimmed.explanation.last?.rule == "budget")
        #expect(refusal { try rules.price(.plain(activity(), usage: Usage(budgetPoints: 1000), budget: 1000)) } == .budget_exhausted)
        #expect(try rules.price(.plain(activity(), usage: Usage(budgetPoints: 1_000_000))).points == 20, "no budget: no limit")
    }

    @Test func budgetsComeFromTheIssuerOrElseTheLevelOfItsScope() throws {
        #expect(rules.budgets.monthly(for: TestLedger.baiyang, accountBudget: nil) == 30_000)
        #expect(rules.budgets.monthly(for: TestLedger.baiyangGrid, accountBudget: nil) == 5_000)
        #expect(rules.budgets.monthly(for: TestLedger.baiyang, accountBudget: 12) == 12)
        #expect(rules.budgets.monthly(for: TestLedger.district, accountBudget: nil) == nil)
    }

    @Test func pointsBecomeSpendableAfterThePublicNoticeAndExpireTwoYearsLater() throws {
        let awarded = Timestamp(rfc3339: "2026-11-23T02:00:00.000Z")!
        let pricing = try rules.price(.plain(activity(), awardTime: awarded))
        #expect(pricing.available == Timestamp(rfc3339: "2026-11-30T02:00:00.000Z")!)
        #expect(pricing.expires == Timestamp(rfc3339: "2028-11-23T02:00:00.000Z")!)
    }

    @Test func expiryOnTheThirtyFirstFallsOnTheLastDayOfAShorterMonth() throws {
        let oneMonth = try RuleSet(yaml: TestLedger.plainRules + "expiry_months: 1\n")
        let pricing = try oneMonth.price(.plain(activity(), awardTime: Timestamp(rfc3339: "2027-01-31T01:00:00.000Z")!))
        #expect(pricing.expires == Timestamp(rfc3339: "2027-02-28T01:00:00.000Z")!)
    }

    @Test(arguments: [
        ("2026-11-23T08:30:00+08:00", "2026-11-23", "2026-W48", "2026-11"),
        ("2026-11-23T07:30:00+08:00", "2026-11-23", "2026-W48", "2026-11"),
        ("2026-11-22T23:30:00Z", "2026-11-23", "2026-W48", "2026-11"),  // 07:30 on the 23rd in Shanghai
        ("2026-12-31T10:00:00+08:00", "2026-12-31", "2026-W53", "2026-12"),  // 2026 begins on a Thursday: 53 ISO weeks
        ("2027-01-01T10:00:00+08:00", "2027-01-01", "2026-W53", "2027-01"),
        ("2027-01-04T10:00:00+08:00", "2027-01-04", "2027-W01", "2027-01"),
        ("2024-12-30T10:00:00+08:00", "2024-12-30", "2025-W01", "2024-12"),
    ] as [(String, String, String, String)])
    func periodsAreTheLocalDayItsIsoWeekAndMonth(start: String, day: String, week: String, month: String) throws {
        let periods = rules.periods(activityStart: Timestamp(rfc3339: start)!, awardTime: Timestamp(rfc3339: "2027-02-01T00:00:00.000Z")!)
        #expect(periods == Periods(day: day, week: week, month: month, budgetMonth: "2027-02"))
    }

    @Test func aPointsExpressionAndAPercentAreRoundedDown() throws {
        let custom = try RuleSet(yaml: TestLedger.plainRules + """
            rules:
              - {id: third, label: a third, percent: 33}
              - {id: per_tag, label: two per tag, points: size(activity.tags) * 2, when: size(activity.tags) > 0}

            """)
        let pricing = try custom.price(.plain(activity(minutes: 70, tags: ["a", "b"])))
        // 70 × 10 / 60 = 11; 33% of 11 = 3; 2 tags × 2 = 4.
        #expect(pricing.points == 18)
    }

    @Test(arguments: [
        ("points: 10 / (activity.minutes - activity.minutes)", "division by zero"),
        ("points: 0 - activity.minutes", "gives -120 points"),
        ("points: base * 9223372036854775807", "overflow"),
        ("points: size(activity.tags.map(t, activity.tags.map(x, activity.tags.map(y, x + y))))", "step"),
    ] as [(String, String)])
    func aRuleThatFailsWhenEvaluatedRefusesTheAwardAndNamesTheRule(effect: String, expected: String) throws {
        let failing = try RuleSet(yaml: TestLedger.plainRules + "rules:\n  - id: broken\n    label: broken\n    \(effect)\n")
        let tags = (0..<20).map { "t\($0)" }
        do {
            _ = try failing.price(.plain(activity(tags: tags)))
            Issue.record("priced")
        } catch {
            #expect(error.reason == .rules_invalid)
            #expect(error.message.contains("rule broken"), "\(error.message)")
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }
}
