public import JiazhouCore

/// What a volunteer brings to a pricing: the facts rules may test.
public struct VolunteerFacts: Sendable, Equatable {
    public var id: AccountID
    public var scope: Scope
    public var tags: [String]
    /// Counted service minutes before this award.
    public var minutes: Int64

    public init(id: AccountID, scope: Scope, tags: [String], minutes: Int64) {
        self.id = id
        self.scope = scope
        self.tags = tags
        self.minutes = minutes
    }
}

/// What has already been counted in the periods an award falls in: the
/// volunteer's day, week and month, and the paying issuer's month.
public struct Usage: Sendable, Equatable {
    public var dayMinutes: Int64 = 0
    public var dayPoints: Int64 = 0
    public var weekPoints: Int64 = 0
    public var monthPoints: Int64 = 0
    public var budgetPoints: Int64 = 0

    public init(dayMinutes: Int64 = 0, dayPoints: Int64 = 0, weekPoints: Int64 = 0, monthPoints: Int64 = 0, budgetPoints: Int64 = 0) {
        self.dayMinutes = dayMinutes
        self.dayPoints = dayPoints
        self.weekPoints = weekPoints
        self.monthPoints = monthPoints
        self.budgetPoints = budgetPoints
    }

    public var json: JSONValue {
        [
            "day_minutes": .integer(dayMinutes), "day_points": .integer(dayPoints), "week_points": .integer(weekPoints),
            "month_points": .integer(monthPoints), "budget_points": .integer(budgetPoints),
        ]
    }

    public init?(json: JSONValue?) {
        guard let json, let day = json["day_minutes"]?.integerValue, let dayPoints = json["day_points"]?.integerValue,
            let week = json["week_points"]?.integerValue, let month = json["month_points"]?.integerValue,
            let budget = json["budget_points"]?.integerValue
        else { return nil }
        self.init(dayMinutes: day, dayPoints: dayPoints, weekPoints: week, monthPoints: month, budgetPoints: budget)
    }
}

/// Everything one pricing depends on. An award records these facts, so
/// that anyone can re-price it from its entry and the published rule set.
public struct PricingInput: Sendable {
    public var activity: Activity
    public var volunteer: VolunteerFacts
    public var usage: Usage
    /// The paying issuer's budget for the month; `nil`: no limit.
    public var budget: Int64?
    /// When the award is written: its budget month, its pending and expiry times.
    public var awardTime: Timestamp

    public init(activity: Activity, volunteer: VolunteerFacts, usage: Usage = Usage(), budget: Int64? = nil, awardTime: Timestamp) {
        self.activity = activity
        self.volunteer = volunteer
        self.usage = usage
        self.budget = budget
        self.awardTime = awardTime
    }
}

/// The calendar periods an award counts in, as keys of the usage it adds to.
public struct Periods: Sendable, Equatable {
    /// `2026-11-23`: the activity's day.
    public var day: String
    /// `2026-W48`: its ISO week.
    public var week: String
    /// `2026-11`: its month.
    public var month: String
    /// `2026-11`: the month of the award's time, for the issuer's budget.
    public var budgetMonth: String

    public init(day: String, week: String, month: String, budgetMonth: String) {
        self.day = day
        self.week = week
        self.month = month
        self.budgetMonth = budgetMonth
    }

    public var json: JSONValue {
        ["day": .string(day), "week": .string(week), "month": .string(month), "budget_month": .string(budgetMonth)]
    }

    public init?(json: JSONValue?) {
        guard let json, let day = json["day"]?.stringValue, let week = json["week"]?.stringValue, let month = json["month"]?.stringValue,
            let budget = json["budget_month"]?.stringValue
        else { return nil }
        self.init(day: day, week: week, month: month, budgetMonth: budget)
    }
}

extension RuleSet {
    /// The variables every `when:` and `points:` expression may use.
    ///
    /// - `activity`: the activity as awarded (`minutes` as claimed).
    /// - `volunteer`: `id`, `scope`, `tags`, counted `minutes` before this award, `stars`.
    /// - `category`: `id`, `label`, `points_per_hour`.
    /// - `calendar`: the activity's start in the rule set's zone: `date`
    ///   (`2026-11-23`), `weekday` (0 = Sunday), `hour`, `weekend`, `holiday`.
    /// - `minutes`: the service minutes counted after the day's cap.
    /// - `base`: the category's points for the counted minutes.
    public static let factSchema = Schema([
        "activity": .record(
            "activity",
            ["id": .string, "category": .string, "minutes": .int, "start": .timestamp, "scope": .string, "tags": .list(.string)]),
        "volunteer": .record("volunteer", ["id": .string, "scope": .string, "tags": .list(.string), "minutes": .int, "stars": .int]),
        "category": .record("category", ["id": .string, "label": .string, "points_per_hour": .int]),
        "calendar": .record("calendar", ["date": .string, "weekday": .int, "hour": .int, "weekend": .bool, "holiday": .bool]),
        "minutes": .int,
        "base": .int,
    ])
}

extension RuleSet {
    /// The facts of one pricing as the expressions' variables.
    func bindings(_ input: PricingInput, category: Category, start: Timestamp, day: String, minutes: Int64, base: Int64) -> Bindings {
        let activity = input.activity
        let local = start.millisecondsSince1970 + Int64(utcOffsetSeconds) * 1000
        let (days, msOfDay) = local.floorDivided(by: 86_400_000)
        let weekday = (days + 4).floorDivided(by: 7).1
        return Bindings(distinct: [
            "activity": .map(
                MapValue(fields: [
                    ("id", .string(activity.id)), ("category", .string(activity.category)), ("minutes", .int(activity.minutes)),
                    ("start", .timestamp(Instant(start))), ("scope", .string(activity.scope.path)), ("tags", .list(activity.tags.map(Value.string))),
                ])),
            "volunteer": .map(
                MapValue(fields: [
                    ("id", .string(input.volunteer.id.text)), ("scope", .string(input.volunteer.scope.path)),
                    ("tags", .list(input.volunteer.tags.map(Value.string))), ("minutes", .int(input.volunteer.minutes)),
                    ("stars", .int(Int64(stars(minutes: input.volunteer.minutes)))),
                ])),
            "category": category.value,
            "calendar": .map(
                MapValue(fields: [
                    ("date", .string(day)), ("weekday", .int(weekday)), ("hour", .int(msOfDay / 3_600_000)),
                    ("weekend", .bool(weekday == 0 || weekday == 6)), ("holiday", .bool(holidays.contains(day))),
                ])),
            "minutes": .int(minutes),
            "base": .int(base),
        ])
    }
}
