/// The `data` of an `award` entry, typed: what was awarded for what, the
/// facts that priced it and the explanation, so that anyone can re-price it
/// from the entry and the published rule set alone (Ledger/SPEC.md §5).
///
/// It writes its own RFC 8785 bytes (``write(into:)``, members in their fixed
/// canonical order) and reads them back straight from an entry's bytes
/// (`AwardData+Scan.swift`), so that the hot paths — a sheet's rows, `verify`
/// over millions of entries — never build a `JSONValue` tree. ``json`` and
/// ``init(json:)`` convert exactly, for the rest of the code and for tests;
/// a test holds the typed bytes equal to the general encoder's.
public struct AwardData: Sendable, Equatable {
    /// The activity as awarded (its claimed minutes).
    public var activity: Activity
    public var volunteer: AccountID
    /// The service minutes counted, after the day's cap.
    public var minutes: Int64
    /// The rule set that priced it.
    public var rules: RuleSetReference
    public var explanation: [Step]
    public var facts: Facts
    public var periods: Periods
    /// The lot its points open; absent when it awards no points.
    public var lot: Lot?

    public init(
        activity: Activity, volunteer: AccountID, minutes: Int64, rules: RuleSetReference, explanation: [Step], facts: Facts, periods: Periods,
        lot: Lot?
    ) {
        self.activity = activity
        self.volunteer = volunteer
        self.minutes = minutes
        self.rules = rules
        self.explanation = explanation
        self.facts = facts
        self.periods = periods
        self.lot = lot
    }

    /// `{version, hash}` of a published rule set.
    public struct RuleSetReference: Sendable, Equatable {
        public var version: Int64
        public var hash: Hash
        public init(version: Int64, hash: Hash) {
            self.version = version
            self.hash = hash
        }
    }

    /// One step of the explanation: `{rule, points, detail}`, and `minutes`
    /// for the day's cap on minutes.
    public struct Step: Sendable, Equatable {
        public var rule: String
        public var points: Int64
        public var detail: String
        public var minutes: Int64?
        public init(rule: String, points: Int64, detail: String, minutes: Int64?) {
            self.rule = rule
            self.points = points
            self.detail = detail
            self.minutes = minutes
        }
    }

    /// What the ledger knew when it priced the award.
    public struct Facts: Sendable, Equatable {
        /// The volunteer's tags and counted minutes before this award.
        public var volunteerTags: [String]
        public var volunteerMinutes: Int64
        public var usage: Usage
        /// The paying issuer's budget for the month; absent: no limit.
        public var budget: Int64?
        public init(volunteerTags: [String], volunteerMinutes: Int64, usage: Usage, budget: Int64?) {
            self.volunteerTags = volunteerTags
            self.volunteerMinutes = volunteerMinutes
            self.usage = usage
            self.budget = budget
        }
    }

    /// What the periods had already counted: `facts.usage`.
    public struct Usage: Sendable, Equatable {
        public var budgetPoints: Int64
        public var dayMinutes: Int64
        public var dayPoints: Int64
        public var monthPoints: Int64
        public var weekPoints: Int64
        public init(budgetPoints: Int64, dayMinutes: Int64, dayPoints: Int64, monthPoints: Int64, weekPoints: Int64) {
            self.budgetPoints = budgetPoints
            self.dayMinutes = dayMinutes
            self.dayPoints = dayPoints
            self.monthPoints = monthPoints
            self.weekPoints = weekPoints
        }
    }

    /// The periods the award counts in: `2026-11-23`, `2026-W48`, `2026-11`,
    /// and the award time's month for the issuer's budget.
    public struct Periods: Sendable, Equatable {
        public var budgetMonth: String
        public var day: String
        public var month: String
        public var week: String
        public init(budgetMonth: String, day: String, month: String, week: String) {
            self.budgetMonth = budgetMonth
            self.day = day
            self.month = month
            self.week = week
        }
    }

    /// When the points become spendable (after the public notice) and expire.
    public struct Lot: Sendable, Equatable {
        public var available: Timestamp
        public var expires: Timestamp?
        public init(available: Timestamp, expires: Timestamp?) {
            self.available = available
            self.expires = expires
        }
    }
}
