import JiazhouCore
import JiazhouRules
import JiazhouTesting
import Testing

@Suite struct RuleSetTests {
    @Test func theBuiltInRuleSetIsTheSeedFileByteForByte() throws {
        #expect(DefaultRuleSet.text == (try RepositoryFiles.text("seeds/rules/shizhong.yaml")))
    }

    @Test func theDefaultRuleSetDefinesTheFiveStableCategories() throws {
        let rules = try RuleSet(yaml: DefaultRuleSet.text)
        #expect(Set(rules.categories.keys) == ["environment", "elder_care", "home_visit", "culture", "outreach"])
        #expect(rules.categories["elder_care"]?.label == "帮扶老弱")
        #expect(rules.starHours == [100, 300, 600, 1000, 1500])
        #expect(rules.hash == TreeHasher.sha256(Array(DefaultRuleSet.text.utf8)))
    }

    @Test(arguments: [(1, 0), (59, 9), (60, 10), (61, 10), (125, 20), (480, 80), (1440, 240)] as [(Int64, Int64)])
    func pointsAreMinutesTimesTheRateOverSixtyRoundedDown(minutes: Int64, points: Int64) throws {
        let rules = try RuleSet(yaml: TestLedger.plainRules)
        let activity = Activity(id: "a", category: "environment", minutes: minutes, start: "2026-11-23T08:00:00+08:00", scope: try Scope("shizhong"))
        #expect(try rules.price(PricingInput.plain(activity)).points == points)
    }

    @Test(arguments: [(0, 0), (5999, 0), (6000, 1), (18000, 2), (90000, 5), (599_940, 5)] as [(Int64, Int)])
    func starsCountTheThresholdsReached(minutes: Int64, stars: Int) throws {
        #expect(try RuleSet(yaml: DefaultRuleSet.text).stars(minutes: minutes) == stars)
    }

    @Test(arguments: [
        ("", "empty"),
        ("version: [", "not valid YAML"),
        ("- a\n- b\n", "a rule set is a mapping"),
        ("version: 0\nname: x\ncategories:\n  a: {label: A, points_per_hour: 1}\n", "version must be a whole number from 1"),
        ("version: 1\nname: x\ncategories:\n  a: {label: A, points_per_hour: -3}\n", "line 4"),
        ("version: 1\nname: x\ncategories:\n  a: {label: A, points_per_hour: ten}\n", "points_per_hour must be a whole number"),
        ("version: 1\nname: x\ncategories: {}\n", "at least one category"),
        ("version: 1\nname: x\ncategories:\n  Bad-Id: {label: A, points_per_hour: 1}\n", "category ids"),
        ("version: 1\nname: x\ncolour: red\ncategories:\n  a: {label: A, points_per_hour: 1}\n", "unknown key \"colour\""),
        ("version: 1\nname: x\ncategories:\n  a: {label: A, points_per_hour: 1}\nstars: {hours: [300, 100]}\n", "increasing"),
    ] as [(String, String)])
    func aBadRuleSetIsRefusedWithWhereAndWhy(yaml: String, expected: String) {
        do {
            _ = try RuleSet(yaml: yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.reason == .rules_invalid)
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    static let base = "version: 1\nname: x\ncategories:\n  a: {label: A, points_per_hour: 1}\n"

    @Test(arguments: [
        ("rules: {a: 1}\n", "line 5, column 8: rules: expected a list"),
        ("rules:\n  - {id: w, label: W, percent: 5, colour: red}\n", "rules.w: unknown key \"colour\""),
        ("rules:\n  - {id: w, percent: 5}\n", "rules.w.label: a rule needs a label"),
        ("rules:\n  - {id: W!, label: W, percent: 5}\n", "a rule needs an id"),
        ("rules:\n  - {id: w, label: W, percent: 5}\n  - {id: w, label: V, bonus: 1}\n", "the id \"w\" is used twice"),
        ("rules:\n  - {id: w, label: W}\n", "give exactly one of bonus"),
        ("rules:\n  - {id: w, label: W, bonus: 1, percent: 2}\n", "give exactly one of bonus"),
        ("rules:\n  - {id: w, label: W, percent: -5}\n", "rules.w.percent must be a whole number from 0"),
        ("rules:\n  - {id: w, label: W, bonus: 1, when: 'calendar.hour >'}\n", "rules.w.when: syntax error at line 1, column 16 of the expression"),
        ("rules:\n  - {id: w, label: W, bonus: 1, when: calendar.hour}\n", "rules.w.when: type error"),
        ("rules:\n  - {id: w, label: W, bonus: 1, when: activity.colour == 'red'}\n", "colour"),
        ("rules:\n  - {id: w, label: W, points: activity.id}\n", "expected a int expression"),
        ("rules:\n  - {id: w, label: W, bonus: 1, when: 'nosuch > 1'}\n", "nosuch"),
        ("caps: {day: {minutes: 1500}}\n", "caps.day.minutes must be a whole number from 1 to 1440"),
        ("caps: {year: {points: 1}}\n", "caps: unknown key \"year\""),
        ("caps: {week: {minutes: 60}}\n", "caps.week: unknown key \"minutes\""),
        ("budgets: {province: 10}\n", "budgets: unknown key \"province\""),
        ("budgets: {grid: -1}\n", "budgets.grid must be a whole number from 0"),
        ("pending_days: -1\n", "pending_days must be a whole number from 0 to 366"),
        ("expiry_months: 0\n", "expiry_months must be a whole number from 1"),
        ("redemption: {code_minutes: 0}\n", "redemption.code_minutes"),
        ("redemption: {tip: 1}\n", "redemption: unknown key \"tip\""),
        ("transfer: yes\n", "transfer: expected allowed"),
        ("transfer: {giver_day_points: 10}\n", "transfer.allowed is missing"),
        ("transfer: {allowed: maybe}\n", "line 5, column 21: transfer.allowed must be true or false, not \"maybe\""),
        ("transfer: {allowed: true, giver_day_points: -1}\n", "transfer.giver_day_points must be a whole number from 0"),
        ("transfer: {allowed: true, recipient_day_points: x}\n", "transfer.recipient_day_points must be a whole number"),
        ("transfer: {allowed: true, to_tags: []}\n", "transfer.to_tags must be a list"),
        ("transfer: {allowed: true, to_tags: silver_age}\n", "transfer.to_tags must be a list"),
        ("transfer: {allowed: true, to_kinds: [merchant]}\n", "transfer: unknown key \"to_kinds\""),
        ("holidays: [2026-02-30]\n", "\"2026-02-30\" is not a date"),
        ("timezone: Mars/Olympus\n", "timezone:"),
    ] as [(String, String)])
    func aBadPolicyIsRefusedWithWhereAndWhy(section: String, expected: String) {
        do {
            _ = try RuleSet(yaml: Self.base + section)
            Issue.record("accepted: \(section)")
        } catch {
            #expect(error.reason == .rules_invalid)
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.message.contains("line "), "\(error.message)")
        }
    }

    @Test func theDefaultRuleSetSaysWhatTheDistrictDecided() throws {
        let rules = try RuleSet(yaml: DefaultRuleSet.text)
        #expect(rules.earnRules.map(\.id) == ["weekend_holiday", "night", "one_old_one_young", "silver_age", "long_service"])
        #expect(rules.caps == Caps(dayMinutes: 480, dayPoints: 150, weekPoints: 600, monthPoints: 2000))
        #expect(rules.pendingDays == 7)
        #expect(rules.expiryMonths == 24)
        #expect(rules.redemption == RedemptionLimits(codeMinutes: 10, merchantDayPoints: 20_000, volunteerDayPoints: 500))
        #expect(rules.transfer == TransferPolicy(allowed: true, giverDayPoints: 200, recipientDayPoints: 500, toTags: ["silver_age", "银龄"]))
        #expect(rules.holidays.contains("2026-10-01"))
        #expect(rules.timezone == "Asia/Shanghai" && rules.utcOffsetSeconds == 8 * 3600)
    }

    @Test func withoutATransferSectionNoGiftIsAllowed() throws {
        #expect(try RuleSet(yaml: Self.base).transfer == TransferPolicy(allowed: false))
        #expect(try RuleSet(yaml: Self.base + "transfer: {allowed: true}\n").transfer == TransferPolicy(allowed: true))
    }

    @Test func withoutCapsEightHoursADayCount() throws {
        #expect(try RuleSet(yaml: Self.base).caps.dayMinutes == 480)
        #expect(try RuleSet(yaml: Self.base + "caps: {day: {minutes: none}}\n").caps.dayMinutes == nil)
    }

    @Test func everyProblemIsReportedInOnePass() {
        do {
            _ = try RuleSet(yaml: "version: 0\ncolour: red\ncategories:\n  a: {label: '', points_per_hour: -1}\n")
            Issue.record("accepted")
        } catch {
            for expected in ["version", "colour", "name", "label", "points_per_hour"] {
                #expect(error.message.contains(expected), "\(expected) missing from \(error.message)")
            }
        }
    }

    @Test func anOverlongRuleSetIsTooLarge() {
        #expect(refusal { try RuleSet(yaml: String(repeating: "#", count: Limits.ruleSetBytes + 1)) } == .too_large)
    }

    @Test func anUnknownCategoryIsNamedWithTheKnownOnes() throws {
        let rules = try RuleSet(yaml: DefaultRuleSet.text)
        let activity = Activity(id: "a", category: "karaoke", minutes: 60, start: "2026-11-23T08:00:00+08:00", scope: try Scope("shizhong"))
        #expect(refusal { try rules.price(PricingInput.plain(activity)) } == .unknown_category)
    }
}
