public import JiazhouCore

/// What the rules make of one activity for one volunteer: the points, the
/// service minutes counted, why, and when the points can be spent.
public struct Pricing: Sendable, Equatable {
    public var points: Int64
    /// Counted service minutes (what hours and stars are made of).
    public var minutes: Int64
    /// Each step, in order: the base and each rule that fired; a negative
    /// `points` (or `minutes`) for each cap or budget that trimmed them.
    public var explanation: [ExplanationStep]
    public var periods: Periods
    /// When the points become spendable: after the public-notice days.
    public var available: Timestamp
    /// When unspent points of this award expire; `nil`: never.
    public var expires: Timestamp?
}

extension RuleSet {
    /// The periods an activity starting at `start`, awarded at `awardTime`, counts in.
    public func periods(activityStart start: Timestamp, awardTime: Timestamp) -> Periods {
        let day = CalendarDay(start, offsetSeconds: utcOffsetSeconds)
        return Periods(
            day: day.text, week: day.isoWeekText, month: day.monthText,
            budgetMonth: CalendarDay(awardTime, offsetSeconds: utcOffsetSeconds).monthText)
    }

    /// Prices an activity for one volunteer, given what the periods it falls
    /// in have already counted:
    ///
    /// 1. counted minutes: the claimed minutes, trimmed to the day's cap;
    /// 2. base: counted minutes × the category's points per hour ÷ 60, rounded down;
    /// 3. each bonus rule whose condition holds, in order (none when nothing is counted);
    /// 4. the day, week and month points caps, then the issuer's monthly budget.
    ///
    /// Refuses with `cap_exceeded` when the caps leave nothing to count, and
    /// with `budget_exhausted` when the issuer has nothing left to award.
    ///
    /// `periods`: the input's, when the caller has computed them already
    /// (``periods(activityStart:awardTime:)`` of the same input); computed here otherwise.
    public func price(_ input: PricingInput, periods known: Periods? = nil) throws(LedgerError) -> Pricing {
        let activity = input.activity
        guard let category = categories[activity.category] else {
            throw LedgerError(.unknown_category, "category \"\(activity.category)\" is not in rule set v\(version) (known: \(categories.keys.sorted().joined(separator: ", ")))")
        }
        guard let start = activity.startTime else {
            throw LedgerError(.invalid_request, "activity.start \"\(activity.start.prefix(40))\" is not an RFC 3339 time")
        }
        let periods = known ?? periods(activityStart: start, awardTime: input.awardTime)
        var explanation: [ExplanationStep] = []
        explanation.reserveCapacity(2 + earnRules.count)
        let room = caps.dayMinutes.map { max(0, $0 - input.usage.dayMinutes) } ?? activity.minutes
        let minutes = min(activity.minutes, room)
        let base = minutes * category.pointsPerHour / 60
        explanation.append(ExplanationStep(category.stepName, points: base, .base(label: category.label, minutes: minutes, rate: category.pointsPerHour)))
        if minutes < activity.minutes {
            explanation.append(
                ExplanationStep(
                    "cap.day.minutes", points: 0, minutes: minutes - activity.minutes,
                    .plain("at most \(caps.dayMinutes ?? 0) min of service count a day; \(input.usage.dayMinutes) were already counted on \(periods.day)")))
        }
        var points = base
        if minutes > 0, !earnRules.isEmpty {
            let facts = bindings(input, category: category, start: start, day: periods.day, minutes: minutes, base: base)
            for rule in earnRules {
                guard let extra = try evaluate(rule, facts, base: base) else { continue }
                let (sum, overflow) = points.addingReportingOverflow(extra)
                guard !overflow, sum <= Int64(Limits.maxSafeInteger) else {
                    throw LedgerError(.rules_invalid, "rule \(rule.id) makes the points of activity \(activity.id) overflow")
                }
                points = sum
                explanation.append(ExplanationStep(rule.stepName, points: extra, .plain(rule.label)))
            }
        }
        for (name, cap, used, period) in [
            ("day", caps.dayPoints, input.usage.dayPoints, periods.day), ("week", caps.weekPoints, input.usage.weekPoints, periods.week),
            ("month", caps.monthPoints, input.usage.monthPoints, periods.month),
        ] where cap != nil {
            guard let cap, points > max(0, cap - used) else { continue }
            let allowed = max(0, cap - used)
            explanation.append(ExplanationStep("cap.\(name).points", points: allowed - points, .plain("at most \(cap) points a \(name); \(used) were already awarded in \(period)")))
            points = allowed
        }
        if let budget = input.budget, points > max(0, budget - input.usage.budgetPoints) {
            let left = max(0, budget - input.usage.budgetPoints)
            guard left > 0 else {
                throw LedgerError(.budget_exhausted, "the issuer of \(activity.scope) has awarded its whole budget of \(budget) points for \(periods.budgetMonth)")
            }
            explanation.append(ExplanationStep("budget", points: left - points, .plain("the issuer's budget of \(budget) points for \(periods.budgetMonth) has \(left) left")))
            points = left
        }
        if minutes == 0, points == 0 {
            throw LedgerError(.cap_exceeded, "\(input.volunteer.id) already has \(input.usage.dayMinutes) min of service counted on \(periods.day) (the cap is \(caps.dayMinutes ?? 0)); nothing of this activity counts")
        }
        let available = Timestamp(millisecondsSince1970: input.awardTime.millisecondsSince1970 + pendingDays * 86_400_000)
        return Pricing(
            points: points, minutes: minutes, explanation: explanation, periods: periods, available: available,
            expires: expiryMonths.map { input.awardTime.adding(months: $0, offsetSeconds: utcOffsetSeconds) })
    }

    /// The points a rule adds, or `nil` when its condition does not hold.
    private func evaluate(_ rule: EarnRule, _ facts: Bindings, base: Int64) throws(LedgerError) -> Int64? {
        do {
            if let condition = rule.condition, try !condition.evaluateCondition(facts) { return nil }
            let extra: Int64
            switch rule.effect {
            case .bonus(let points): extra = points
            case .percent(let percent): extra = base * percent / 100
            case .points(let expression): extra = try expression.evaluateAmount(facts)
            }
            guard extra >= 0, extra <= Int64(Limits.maxSafeInteger) else {
                throw LedgerError(.rules_invalid, "rule \(rule.id) of rule set v\(version) gives \(extra) points; a rule adds from 0 to 2^53")
            }
            return extra
        } catch let error as Evaluation.Error {
            throw LedgerError(.rules_invalid, "rule \(rule.id) of rule set v\(version) cannot be evaluated: \(error)")
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.rules_invalid, "rule \(rule.id) of rule set v\(version) cannot be evaluated: \(error)")
        }
    }

}

extension Timestamp {
    /// The same local time `months` calendar months later, at `offsetSeconds`
    /// east of UTC; the 31st of a shorter month becomes its last day.
    func adding(months: Int64, offsetSeconds: Int) -> Timestamp {
        let offset = Int64(offsetSeconds) * 1000
        let (days, msOfDay) = (millisecondsSince1970 + offset).floorDivided(by: 86_400_000)
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        let (years, month0) = (m - 1 + months).floorDivided(by: 12)
        let year = y + years
        let month = month0 + 1
        let day = min(d, CivilCalendar.daysIn(month: month, year: year))
        return Timestamp(millisecondsSince1970: CivilCalendar.days(fromCivil: year, month, day) * 86_400_000 + msOfDay - offset)
    }
}
