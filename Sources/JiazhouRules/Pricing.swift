public import JiazhouCore

/// What the rules make of one activity for one volunteer: the points, the
/// service minutes counted, and why.
public struct Pricing: Sendable, Equatable {
    public var points: Int64
    /// Counted service minutes (what stars and hours are made of).
    public var minutes: Int64
    /// Each rule that contributed, in order: `{rule, points, detail}`.
    public var explanation: [JSONValue]
}

extension RuleSet {
    /// Prices `activity` for one volunteer: minutes × the category's rate / 60,
    /// rounded down.
    public func price(_ activity: Activity) throws(LedgerError) -> Pricing {
        guard let category = categories[activity.category] else {
            throw LedgerError(.unknown_category, "category \"\(activity.category)\" is not in rule set v\(version) (known: \(categories.keys.sorted().joined(separator: ", ")))")
        }
        let (product, overflow) = activity.minutes.multipliedReportingOverflow(by: category.pointsPerHour)
        guard !overflow, product / 60 <= Int64(Limits.maxSafeInteger) else {
            throw LedgerError(.invalid_request, "the points for activity \(activity.id) overflow")
        }
        let points = product / 60
        let line: JSONValue = [
            "rule": .string("category.\(category.id)"), "points": .integer(points),
            "detail": .string("\(category.label): \(activity.minutes) min × \(category.pointsPerHour) points/h ÷ 60, rounded down"),
        ]
        return Pricing(points: points, minutes: activity.minutes, explanation: [line])
    }
}
