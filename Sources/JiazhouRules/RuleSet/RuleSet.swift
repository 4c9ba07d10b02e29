public import JiazhouCore
import Yams

/// A published rule set: how many points an activity is worth and what
/// limits apply.
///
/// Parsed from YAML and validated as a whole — every expression is
/// type-checked against ``RuleSet/factSchema`` — so that a bad rule is
/// refused when it is published, not when an award meets it. Every award
/// records the version and hash of the rule set that priced it, so that it
/// can be re-priced from the chain alone.
///
/// ```swift
/// let rules = try RuleSet(yaml: DefaultRuleSet.text)
/// let priced = try rules.price(PricingInput(activity: activity, volunteer: facts, usage: usage, awardTime: now))
/// priced.points; priced.explanation   // each rule that fired, each cap that trimmed
/// ```
public struct RuleSet: Sendable {
    public struct Category: Sendable, Equatable {
        public var id: String
        public var label: String
        public var pointsPerHour: Int64

        /// Its explanation step, `category.ID`.
        var stepName: String { "category." + id }
        /// The `category` variable of expressions.
        var value: Value {
            .map(MapValue(fields: [("id", .string(id)), ("label", .string(label)), ("points_per_hour", .int(pointsPerHour))]))
        }
    }

    public var version: Int64
    public var name: String
    /// The zone whose calendar days, weeks and months the caps and budgets count in.
    public var timezone: String
    /// Seconds east of UTC of ``timezone``.
    public var utcOffsetSeconds: Int
    public var categories: [String: Category]
    /// Bonus rules, applied in order after the category's base points.
    public var earnRules: [EarnRule]
    public var caps: Caps
    public var budgets: Budgets
    /// Days of public notice (公示) before awarded points can be spent.
    public var pendingDays: Int64
    /// Months after which unspent points expire, oldest first; `nil`: never.
    public var expiryMonths: Int64?
    public var redemption: RedemptionLimits
    /// Whether volunteers may give points to each other, and within what limits.
    public var transfer: TransferPolicy
    /// Public holidays (`2026-10-01`), in ``timezone``: `calendar.holiday`.
    public var holidays: Set<String>
    /// Cumulative counted service hours for 1★, 2★, … in increasing order.
    public var starHours: [Int64]
    /// SHA-256 of the YAML text exactly as published.
    public var hash: Hash
    /// The YAML text exactly as published.
    public var text: String

    public static let defaultStarHours: [Int64] = [100, 300, 600, 1000, 1500]

    /// Parses and validates a rule set. Every problem is reported, each with
    /// its line and column.
    public init(yaml text: String) throws(LedgerError) {
        guard text.utf8.count <= Limits.ruleSetBytes else {
            throw LedgerError(.too_large, "the rule set is \(text.utf8.count) bytes; the limit is \(Limits.ruleSetBytes)")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw LedgerError(.rules_invalid, "the rule set is empty") }
            root = node
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.rules_invalid, "the rule set is not valid YAML: \(error)")
        }
        var reader = RuleSetReader()
        let parsed = reader.read(root)
        guard reader.problems.list.isEmpty, let parsed else {
            throw LedgerError(.rules_invalid, reader.problems.summary)
        }
        self = parsed
        hash = TreeHasher.sha256(Array(text.utf8))
        self.text = text
    }

    /// A rule set as the reader assembled it, before its text is attached.
    init(parsed version: Int64, name: String, timezone: String, utcOffsetSeconds: Int, categories: [String: Category]) {
        self.version = version
        self.name = name
        self.timezone = timezone
        self.utcOffsetSeconds = utcOffsetSeconds
        self.categories = categories
        earnRules = []
        caps = Caps()
        budgets = Budgets()
        pendingDays = 0
        expiryMonths = nil
        redemption = RedemptionLimits()
        transfer = TransferPolicy()
        holidays = []
        starHours = Self.defaultStarHours
        hash = .zero
        text = ""
    }

    /// Star level (0–5) for counted service minutes.
    public func stars(minutes: Int64) -> Int {
        var stars = 0
        for hours in starHours where hours * 60 <= minutes { stars += 1 }
        return stars
    }
}

/// Problems found while reading a rule set, each with its line and column.
struct RuleSetProblems {
    var list: [String] = []

    mutating func add(_ message: String, at node: Node?) {
        if let mark = node?.mark {
            list.append("line \(mark.line), column \(mark.column): \(message)")
        } else {
            list.append(message)
        }
    }

    var summary: String {
        "the rule set has \(list.count) problem\(list.count == 1 ? "" : "s"):\n" + list.map { "  " + $0 }.joined(separator: "\n")
    }
}
