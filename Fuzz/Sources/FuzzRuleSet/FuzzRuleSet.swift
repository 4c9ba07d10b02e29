import FuzzSupport
import JiazhouCore
import JiazhouRules

/// The rule-set reader (`RuleSet(yaml:)`: YAML through Yams, then every key
/// checked and every expression type-checked) and pricing with what it
/// accepts.
///
/// Properties: nothing traps; a refusal is a ``LedgerError``; an accepted
/// rule set reads back the same from its own text; pricing three awards
/// either refuses with a ``LedgerError`` or gives points within 0…2^53
/// whose explanation adds up to them.
@main
enum FuzzRuleSet {
    static func main() {
        runFuzzer { data, size in
            FuzzRuleSet.check(inputBytes(data, size))
            return 0
        }
    }

    static func check(_ input: [UInt8]) {
        guard let text = validText(input), let rules = try? RuleSet(yaml: text) else { return }
        require(rules.hash == TreeHasher.sha256(input), "the rule set's hash is not of its text")
        require((try? RuleSet(yaml: rules.text))?.hash == rules.hash, "a rule set does not read back from its own text")
        guard let category = rules.categories.keys.sorted().first else { return require(false, "a rule set without categories") }
        for (minutes, start, tags, usage) in awards {
            let input = PricingInput(
                activity: Activity(id: "a-1", category: category, minutes: minutes, start: start, scope: scope, tags: tags),
                volunteer: VolunteerFacts(id: volunteer, scope: scope, tags: tags, minutes: 6000), usage: usage, budget: 30_000,
                awardTime: Timestamp(rfc3339: "2026-12-07T02:00:00.000Z")!)
            guard let pricing = try? rules.price(input) else { continue }
            require(pricing.points >= 0 && pricing.points <= Int64(Limits.maxSafeInteger), "\(pricing.points) points")
            require(pricing.minutes >= 0 && pricing.minutes <= minutes, "\(pricing.minutes) minutes counted of \(minutes)")
            require(pricing.explanation.reduce(0) { $0 + $1.points } == pricing.points, "the explanation does not add up to the points")
        }
    }

    static let scope = try! Scope("shizhong/tongjiang/baiyang")
    static let volunteer = try! AccountID("volunteer:V000360")
    static let awards: [(Int64, String, [String], Usage)] = [
        (120, "2026-11-23T08:30:00+08:00", [], Usage()),
        (270, "2026-12-05T19:30:00+08:00", ["一老一小", "银龄", "silver_age"], Usage(dayMinutes: 60, dayPoints: 100, weekPoints: 590)),
        (1440, "2026-10-01T00:00:00Z", ["一老"], Usage(monthPoints: 1990, budgetPoints: 29_999)),
    ]
}
