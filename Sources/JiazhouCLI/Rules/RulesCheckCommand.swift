import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouRules

/// `jiazhou rules check FILE`: validates a rule set offline, as `rules.publish` would.
struct RulesCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate and type-check a rule set file without a ledger.",
        discussion: "Prints a summary, or every problem with its line and column (exit status 1)."
    )

    @Argument(help: "The rule set (YAML).")
    var file: String

    func run() async throws {
        try await reportingErrors {
            let rules = try RuleSet(yaml: try readRuleSetFile(file))
            print(RuleSetSummary(rules).text)
        }
    }
}

/// Reads a rule set file as UTF-8 text, refusing anything else clearly.
func readRuleSetFile(_ path: String) throws(LedgerError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw LedgerError(.invalid_request, "cannot read \(path)")
    }
    guard data.count <= Limits.ruleSetBytes else {
        throw LedgerError(.too_large, "\(path) is \(data.count) bytes; a rule set may have \(Limits.ruleSetBytes)")
    }
    guard let text = String(validating: data, as: UTF8.self) else { throw LedgerError(.rules_invalid, "\(path) is not UTF-8 text") }
    return text
}

/// What a rule set says, in a few lines.
struct RuleSetSummary {
    let text: String

    init(_ rules: RuleSet) {
        var lines = ["rule set v\(rules.version): \(rules.name)", "  hash        \(rules.hash.hex)", "  time zone   \(rules.timezone)"]
        for category in rules.categories.values.sorted(by: { $0.id < $1.id }) {
            lines.append("  category    \(category.id) (\(category.label)): \(category.pointsPerHour) points/h")
        }
        for rule in rules.earnRules {
            let effect: String
            switch rule.effect {
            case .bonus(let points): effect = "+\(points)"
            case .percent(let percent): effect = "+\(percent)%"
            case .points(let expression): effect = "+(\(expression.source))"
            }
            lines.append("  rule        \(rule.id): \(effect) when \(rule.condition?.source ?? "always") — \(rule.label)")
        }
        let caps = rules.caps
        lines.append(
            "  caps        day \(caps.dayMinutes.map { "\($0) min" } ?? "any minutes")" + [("day", caps.dayPoints), ("week", caps.weekPoints), ("month", caps.monthPoints)]
                .compactMap { name, cap in cap.map { ", \($0) points/\(name)" } }.joined())
        let budgets = Budgets.levels.compactMap { level in rules.budgets.monthlyByLevel[level].map { "\(level) \($0)" } }
        lines.append("  budgets     \(budgets.isEmpty ? "none" : budgets.joined(separator: ", ")) points/month")
        lines.append("  pending     \(rules.pendingDays) days; expiry \(rules.expiryMonths.map { "\($0) months" } ?? "never")")
        let redemption = rules.redemption
        lines.append(
            "  redemption  codes live \(redemption.codeMinutes) min; merchant \(redemption.merchantDayPoints.map(String.init) ?? "∞")/day; volunteer \(redemption.volunteerDayPoints.map(String.init) ?? "∞")/day"
        )
        lines.append("  stars       \(rules.starHours.map { "\($0) h" }.joined(separator: ", "))")
        text = lines.joined(separator: "\n")
    }
}
