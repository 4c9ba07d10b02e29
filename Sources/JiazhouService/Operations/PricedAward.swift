public import JiazhouCore
public import JiazhouRules
public import JiazhouStorage

/// An award priced against the ledger as it stands: the facts gathered
/// (the volunteer's tags and counted minutes, what the periods have already
/// counted, the issuer's budget), the pricing, and the entry's postings and
/// data. `award`, `award.batch` and `rules.evaluate` share it, so a dry run
/// prices exactly as the write would. Public for benchmarks that append
/// through ``LedgerService/appendBatch(_:)``.
public struct PricedAward: Sendable {
    public let issuer: AccountID
    public let input: PricingInput
    public let pricing: Pricing
    public let rules: RuleSet
    public let request: AwardRequest

    public init(_ request: AwardRequest, rules: RuleSet, reader: any LedgerReading, time: Timestamp) throws {
        guard let volunteer = try reader.account(request.volunteer) else {
            throw LedgerError(.unknown_account, "\(request.volunteer) is not open")
        }
        let issuer = try LedgerService.payingIssuer(for: request.activity.scope, reader: reader)
        guard let issuerAccount = try reader.account(issuer), let start = request.activity.startTime else {
            throw LedgerError(.ledger_invalid, "\(issuer) is missing")
        }
        let periods = rules.periods(activityStart: start, awardTime: time)
        let day = try reader.usage(volunteer.id, period: "day:" + periods.day)
        let usage = Usage(
            dayMinutes: day.minutes, dayPoints: day.points, weekPoints: try reader.usage(volunteer.id, period: "week:" + periods.week).points,
            monthPoints: try reader.usage(volunteer.id, period: "month:" + periods.month).points,
            budgetPoints: try reader.usage(issuer, period: "budget:" + periods.budgetMonth).points)
        let input = PricingInput(
            activity: request.activity,
            volunteer: VolunteerFacts(id: volunteer.id, scope: volunteer.scope, tags: volunteer.tags, minutes: volunteer.minutes),
            usage: usage, budget: rules.budgets.monthly(for: issuerAccount.scope, accountBudget: issuerAccount.budget), awardTime: time)
        self.issuer = issuer
        self.input = input
        self.pricing = try rules.price(input, periods: periods)
        self.rules = rules
        self.request = request
    }

    public var postings: [Posting] {
        get throws { pricing.points > 0 ? [try Posting(from: issuer, to: request.volunteer, points: pricing.points)] : [] }
    }

    /// The award's `data`: the facts that priced it, so that anyone can
    /// re-price it from the entry and the published rule set alone.
    public var awardData: AwardData {
        let usage = input.usage
        return AwardData(
            activity: request.activity, volunteer: request.volunteer, minutes: pricing.minutes,
            rules: .init(version: rules.version, hash: rules.hash),
            explanation: pricing.explanation.map { .init(rule: $0.rule, points: $0.points, detail: $0.detail, minutes: $0.minutes) },
            facts: .init(
                volunteerTags: input.volunteer.tags, volunteerMinutes: input.volunteer.minutes,
                usage: .init(
                    budgetPoints: usage.budgetPoints, dayMinutes: usage.dayMinutes, dayPoints: usage.dayPoints, monthPoints: usage.monthPoints,
                    weekPoints: usage.weekPoints),
                budget: input.budget),
            periods: .init(budgetMonth: pricing.periods.budgetMonth, day: pricing.periods.day, month: pricing.periods.month, week: pricing.periods.week),
            lot: pricing.points > 0 ? .init(available: pricing.available, expires: pricing.expires) : nil)
    }

    /// ``awardData`` as JSON.
    public var data: JSONValue { awardData.json }
}

extension PricedAward {
    /// The award's entry at the head of a transaction.
    public func entry(seq: Int64, prev: Hash, time: Timestamp, actor: AccountID, key: String?) throws -> Entry {
        Entry(seq: seq, prev: prev, time: time, actor: actor, key: key, postings: try postings, award: awardData)
    }
}

extension LedgerService {
    /// The one award path, shared by `award`, `award.batch` and a sheet:
    /// checks the request and prices it against the transaction as it stands
    /// (after every award before it). Only reads: a refusal leaves nothing.
    static func priceAward(_ request: AwardRequest, rules: RuleSet, reader: any LedgerReading, time: Timestamp) throws -> PricedAward {
        try request.activity.validate()
        guard request.volunteer.kind == .volunteer else { throw LedgerError(.invalid_request, "awards go to volunteers, not to \(request.volunteer)") }
        return try PricedAward(request, rules: rules, reader: reader, time: time)
    }
}
