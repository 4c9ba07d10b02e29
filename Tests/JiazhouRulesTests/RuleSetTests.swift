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
