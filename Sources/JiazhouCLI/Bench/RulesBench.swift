import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouRules

/// `jiazhou bench rules`: award pricings per second with the default rule
/// set on one core, and what parsing and type-checking it costs.
struct RulesBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Measure award pricing with the default rule set, and parsing it; print figures.")

    @Option(help: "Pricings to run.")
    var pricings = 1_000_000

    @Option(help: "Parses of the rule set to time.")
    var parses = 200

    func run() async throws {
        try await reportingErrors {
            guard pricings >= 1000, parses >= 1 else { throw LedgerError(.invalid_request, "use at least --pricings 1000 and --parses 1") }
            var rules: RuleSet?
            let parseSeconds = try LedgerBench.time { for _ in 0..<parses { rules = try RuleSet(yaml: DefaultRuleSet.text) } }
            guard let rules else { return }
            let inputs = try Self.inputs(count: 4096)
            var points: Int64 = 0
            var fired = 0
            var refused = 0
            let measured = ThreadClock.measure {
                for i in 0..<pricings {
                    do {
                        let pricing = try rules.price(inputs[i & 4095])
                        points &+= pricing.points
                        fired += pricing.explanation.count - 1
                    } catch {
                        refused += 1
                    }
                }
            }
            let rate = LedgerBench.rate(pricings, measured.cpu)
            func line(_ name: String, _ value: String, _ note: String) {
                print(name.padding(toLength: 34, withPad: " ", startingAt: 0) + value.padding(toLength: 24, withPad: " ", startingAt: 0) + note)
            }
            print("jiazhou bench rules: the default rule set (\(rules.earnRules.count) bonus rules, caps, budgets), one core\n")
            line("parse + type-check the rule set", String(format: "%.2f ms", parseSeconds / Double(parses) * 1000), "YAML → RuleSet, every expression checked")
            line(
                "award pricing", "\(LedgerBench.format(rate))/s",
                String(format: "goal ≥ 200k/s: %.2f× the goal; %.2f µs of CPU each", rate / 200_000, measured.cpu / Double(pricings) * 1e6))
            line(
                "  by the wall clock", "\(LedgerBench.format(LedgerBench.rate(pricings, measured.wall)))/s",
                "lower when other work shares the cores (the CPU-time figure is the thread's own)")
            line(
                "  of which", "\(fired) rules fired", "\(refused) refused by a cap or budget; \(points) points in all (so nothing is optimised away)")
        }
    }

    /// Varied activities: every category, weekdays and weekends, day and
    /// night, priority-group tags, silver-age volunteers, and usage near the caps.
    static func inputs(count: Int) throws -> [PricingInput] {
        let categories = ["environment", "elder_care", "home_visit", "culture", "outreach"]
        let monday: Int64 = 1_795_393_800_000  // 2026-11-23T08:30:00+08:00
        let scope = try Scope("shizhong/tongjiang/baiyang")
        var random = SystemRandomNumberGenerator()
        return (0..<count).map { i in
            let start = Timestamp(millisecondsSince1970: monday + Int64(i % 7) * 86_400_000 + Int64(i % 5) * 3 * 3_600_000)
            let activity = Activity(
                id: "bench-\(i)", category: categories[i % categories.count], minutes: Int64.random(in: 30...300, using: &random),
                start: start.format(offsetMinutes: 480), scope: scope, tags: i % 4 == 0 ? ["一老一小"] : [])
            let volunteer = VolunteerFacts(
                id: AccountID(unchecked: .volunteer, String(format: "V%06d", i)), scope: scope, tags: i % 6 == 0 ? ["silver_age", "resident"] : ["resident"],
                minutes: Int64(i) * 37)
            let usage = Usage(
                dayMinutes: Int64(i % 9) * 60, dayPoints: Int64(i % 8) * 20, weekPoints: Int64(i % 11) * 60, monthPoints: Int64(i % 13) * 160,
                budgetPoints: Int64(i % 17) * 1800)
            return PricingInput(activity: activity, volunteer: volunteer, usage: usage, budget: 30_000, awardTime: start)
        }
    }
}
