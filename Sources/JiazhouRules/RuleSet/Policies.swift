public import JiazhouCore

/// A bonus rule: when its condition holds, it adds points to the base.
///
/// ```yaml
/// - id: weekend
///   label: 周末服务
///   when: calendar.weekend || calendar.holiday
///   percent: 20          # or  bonus: 5   or  points: base / 10
/// ```
public struct EarnRule: Sendable {
    public enum Effect: Sendable {
        /// A fixed number of points.
        case bonus(Int64)
        /// A percentage of the base points, rounded down.
        case percent(Int64)
        /// An int expression over the facts.
        case points(Expression)
    }

    public var id: String
    public var label: String
    /// Its explanation step, `rule.ID`.
    let stepName: String
    /// `nil`: always applies.
    public var condition: Expression?
    public var effect: Effect

    init(id: String, label: String, condition: Expression?, effect: Effect) {
        self.id = id
        self.label = label
        self.stepName = "rule." + id
        self.condition = condition
        self.effect = effect
    }
}

/// Limits per volunteer, counted in the rule set's time zone by the day,
/// ISO week and month of the activity's start.
public struct Caps: Sendable, Equatable {
    /// Counted service minutes a day: at most 8 hours of service count a day
    /// unless the rule set says otherwise; `nil` (`minutes: none`): no cap.
    public var dayMinutes: Int64? = 8 * 60
    public var dayPoints: Int64?
    public var weekPoints: Int64?
    public var monthPoints: Int64?

    public init(dayMinutes: Int64? = 8 * 60, dayPoints: Int64? = nil, weekPoints: Int64? = nil, monthPoints: Int64? = nil) {
        self.dayMinutes = dayMinutes
        self.dayPoints = dayPoints
        self.weekPoints = weekPoints
        self.monthPoints = monthPoints
    }
}

/// Points an issuer may award in a calendar month (of the award's time).
/// An issuer opened with its own `budget` uses that; otherwise the rule
/// set's figure for the level of its scope applies; with neither, it has no
/// limit.
public struct Budgets: Sendable, Equatable {
    /// By scope level: `district`, `street`, `community`, `grid`, `compound`.
    public var monthlyByLevel: [String: Int64] = [:]

    public init(monthlyByLevel: [String: Int64] = [:]) { self.monthlyByLevel = monthlyByLevel }

    /// The names of scope levels, by depth (1 = district).
    public static let levels = ["district", "street", "community", "grid", "compound"]

    /// The monthly budget of the issuer of `scope`.
    public func monthly(for scope: Scope, accountBudget: Int64?) -> Int64? {
        if let accountBudget { return accountBudget }
        return monthlyByLevel[Self.levels[scope.depth - 1]]
    }
}

/// What the merchant side may do with points.
public struct RedemptionLimits: Sendable, Equatable {
    /// How long a one-time redemption code lives.
    public var codeMinutes: Int64 = 10
    /// Points one merchant may take in a day.
    public var merchantDayPoints: Int64?
    /// Points one volunteer may spend in a day.
    public var volunteerDayPoints: Int64?
    /// `unknown_code` refusals of one merchant within ``unknownCodeMinutes``
    /// after which its redemptions are refused `rate_limited`: a till may
    /// not try codes until one fits.
    public var unknownCodeLimit: Int64 = 10
    public var unknownCodeMinutes: Int64 = 15

    public init(
        codeMinutes: Int64 = 10, merchantDayPoints: Int64? = nil, volunteerDayPoints: Int64? = nil, unknownCodeLimit: Int64 = 10, unknownCodeMinutes: Int64 = 15
    ) {
        self.codeMinutes = codeMinutes
        self.merchantDayPoints = merchantDayPoints
        self.volunteerDayPoints = volunteerDayPoints
        self.unknownCodeLimit = unknownCodeLimit
        self.unknownCodeMinutes = unknownCodeMinutes
    }
}
