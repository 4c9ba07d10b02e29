public import JiazhouCore

/// One step of an award's explanation: the base, a rule that fired, or a
/// cap or budget that trimmed the points (negative `points`, or negative
/// `minutes` for the day's cap on service minutes).
///
/// Its text is rendered only when the step is written or shown: pricing
/// runs for every award and every dry run, and most of its cost was text.
public struct ExplanationStep: Sendable, Equatable {
    /// `category.ID`, `rule.ID`, `cap.day.minutes`, `cap.day.points`, `cap.week.points`, `cap.month.points` or `budget`.
    public let rule: String
    public let points: Int64
    /// Only for `cap.day.minutes`: the minutes that did not count.
    public let minutes: Int64?
    let text: Text

    enum Text: Sendable, Equatable {
        case plain(String)
        case base(label: String, minutes: Int64, rate: Int64)
    }

    init(_ rule: String, points: Int64, minutes: Int64? = nil, _ text: Text) {
        self.rule = rule
        self.points = points
        self.minutes = minutes
        self.text = text
    }

    /// What a coordinator reads.
    public var detail: String {
        switch text {
        case .plain(let text): text
        case .base(let label, let minutes, let rate): "\(label): \(minutes) min × \(rate) points/h ÷ 60, rounded down"
        }
    }

    /// As recorded in an award: `{rule, points, detail}` (and `minutes`).
    public var json: JSONValue {
        var members: [String: JSONValue] = ["rule": .string(rule), "points": .integer(points), "detail": .string(detail)]
        if let minutes { members["minutes"] = .integer(minutes) }
        return .object(members)
    }
}
