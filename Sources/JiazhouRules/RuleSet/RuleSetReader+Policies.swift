import JiazhouCore
import Yams

/// The optional sections of a rule set: bonus rules, caps, budgets,
/// redemption limits and holidays.
extension RuleSetReader {
    private static let ruleKeys: Set<String> = ["id", "label", "when", "bonus", "percent", "points"]

    mutating func readEarnRules(_ node: Node, categories: [String: RuleSet.Category]) -> [EarnRule] {
        guard let list = node.sequence else {
            problems.add("rules: expected a list of rules, each with id, label, an optional when and one of bonus, percent or points", at: node)
            return []
        }
        if list.count > Self.maxRules { problems.add("rules: at most \(Self.maxRules) rules", at: node) }
        var rules: [EarnRule] = []
        var seen: Set<String> = []
        for (index, item) in list.prefix(Self.maxRules).enumerated() {
            guard let fields = item.mapping else {
                problems.add("rules[\(index)]: expected a mapping with id, label and an effect", at: item)
                continue
            }
            let id = fields["id"]?.string ?? ""
            let context = id.isEmpty ? "rules[\(index)]" : "rules.\(id)"
            checkKeys(fields, allowed: Self.ruleKeys, context: context)
            if !Self.isIdentifier(id) {
                problems.add("\(context).id: a rule needs an id of lowercase a-z, 0-9 and '_'", at: fields["id"] ?? item)
            } else if !seen.insert(id).inserted {
                problems.add("\(context): the id \"\(id)\" is used twice", at: fields["id"])
            }
            let label = fields["label"]?.string ?? ""
            if label.isEmpty { problems.add("\(context).label: a rule needs a label (shown in every explanation)", at: fields["label"] ?? item) }
            let condition = fields["when"].flatMap { expression($0, "\(context).when", expecting: .bool) }
            let effects = ["bonus", "percent", "points"].filter { fields[$0] != nil }
            guard effects.count == 1, let kind = effects.first, let effectNode = fields[kind] else {
                problems.add("\(context): give exactly one of bonus (points), percent (of the base) or points (an expression)", at: item)
                continue
            }
            let effect: EarnRule.Effect?
            switch kind {
            case "bonus": effect = integer(effectNode, "\(context).bonus", atLeast: 0, atMost: 100_000, required: true, parent: item).map(EarnRule.Effect.bonus)
            case "percent": effect = integer(effectNode, "\(context).percent", atLeast: 0, atMost: 1000, required: true, parent: item).map(EarnRule.Effect.percent)
            default: effect = expression(effectNode, "\(context).points", expecting: .int).map(EarnRule.Effect.points)
            }
            if let effect, fields["when"] == nil || condition != nil {
                rules.append(EarnRule(id: id, label: label, condition: condition, effect: effect))
            }
        }
        return rules
    }

    /// An expression checked against the fact schema, or a problem naming
    /// both the YAML position and the position inside the expression.
    private mutating func expression(_ node: Node, _ what: String, expecting type: ValueType) -> Expression? {
        guard let source = node.scalar?.string, !source.isEmpty else {
            problems.add("\(what): expected an expression", at: node)
            return nil
        }
        do {
            return try Expression(source, schema: RuleSet.factSchema, expecting: type)
        } catch {
            let position = error.position.map { " at \($0) of the expression" } ?? ""
            problems.add("\(what): \(error.stage.rawValue) error\(position): \(error.message)", at: node)
            return nil
        }
    }

    mutating func readCaps(_ node: Node) -> Caps {
        var caps = Caps()
        guard let periods = node.mapping else {
            problems.add("caps: expected day, week and month, e.g. day: {minutes: 480, points: 150}", at: node)
            return caps
        }
        checkKeys(periods, allowed: ["day", "week", "month"], context: "caps")
        for (period, allowed) in [("day", ["minutes", "points"]), ("week", ["points"]), ("month", ["points"])] {
            guard let limits = periods[period] else { continue }
            guard let fields = limits.mapping else {
                problems.add("caps.\(period): expected \(allowed.joined(separator: " and "))", at: limits)
                continue
            }
            checkKeys(fields, allowed: Set(allowed), context: "caps.\(period)")
            let points = integer(fields["points"], "caps.\(period).points", atLeast: 0, required: false, parent: limits)
            switch period {
            case "day":
                caps.dayPoints = points
                if fields["minutes"]?.scalar?.string == "none" {
                    caps.dayMinutes = nil
                } else if let minutes = integer(fields["minutes"], "caps.day.minutes", atLeast: 1, atMost: 24 * 60, required: false, parent: limits) {
                    caps.dayMinutes = minutes
                }
            case "week": caps.weekPoints = points
            default: caps.monthPoints = points
            }
        }
        return caps
    }

    mutating func readBudgets(_ node: Node) -> Budgets {
        var budgets = Budgets()
        guard let levels = node.mapping else {
            problems.add("budgets: expected monthly points by scope level, e.g. community: 30000", at: node)
            return budgets
        }
        checkKeys(levels, allowed: Set(Budgets.levels), context: "budgets")
        for level in Budgets.levels {
            if let points = integer(levels[level], "budgets.\(level)", atLeast: 0, required: false, parent: node) {
                budgets.monthlyByLevel[level] = points
            }
        }
        return budgets
    }

    mutating func readRedemption(_ node: Node) -> RedemptionLimits {
        var limits = RedemptionLimits()
        guard let fields = node.mapping else {
            problems.add("redemption: expected code_minutes, merchant_day_points, volunteer_day_points, unknown_code_limit and unknown_code_minutes", at: node)
            return limits
        }
        checkKeys(
            fields, allowed: ["code_minutes", "merchant_day_points", "volunteer_day_points", "unknown_code_limit", "unknown_code_minutes"], context: "redemption")
        if let limit = integer(fields["unknown_code_limit"], "redemption.unknown_code_limit", atLeast: 1, atMost: 1000, required: false, parent: node) {
            limits.unknownCodeLimit = limit
        }
        if let minutes = integer(fields["unknown_code_minutes"], "redemption.unknown_code_minutes", atLeast: 1, atMost: 24 * 60, required: false, parent: node) {
            limits.unknownCodeMinutes = minutes
        }
        if let minutes = integer(fields["code_minutes"], "redemption.code_minutes", atLeast: 1, atMost: 24 * 60, required: false, parent: node) {
            limits.codeMinutes = minutes
        }
        limits.merchantDayPoints = integer(fields["merchant_day_points"], "redemption.merchant_day_points", atLeast: 0, required: false, parent: node)
        limits.volunteerDayPoints = integer(fields["volunteer_day_points"], "redemption.volunteer_day_points", atLeast: 0, required: false, parent: node)
        return limits
    }

    mutating func readHolidays(_ node: Node) -> Set<String> {
        guard let list = node.sequence else {
            problems.add("holidays: expected a list of dates like 2026-10-01", at: node)
            return []
        }
        var days: Set<String> = []
        for item in list {
            guard let text = item.scalar?.string, CalendarDay(text) != nil else {
                problems.add("holidays: \"\(item.scalar?.string ?? item.kindName)\" is not a date like 2026-10-01", at: item)
                continue
            }
            days.insert(text)
        }
        return days
    }
}
