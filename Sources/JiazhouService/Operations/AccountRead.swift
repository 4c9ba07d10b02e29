public import JiazhouCore
import JiazhouStorage
import JiazhouRules

/// `account.get`.
public struct AccountGetRequest: Codable, Sendable, Equatable {
    public var account: AccountID
    public init(account: AccountID) { self.account = account }
}

public struct AccountView: Codable, Sendable, Equatable {
    public var account: AccountID
    public var kind: AccountID.Kind
    public var scope: Scope
    public var tags: [String]
    public var balance: Int64
    /// Points earned by service, never lowered by spending.
    public var earned: Int64
    /// Counted service minutes.
    public var minutes: Int64
    /// Counted service hours, rounded down.
    public var hours: Int64
    public var stars: Int
    public var budget: Int64?
    public var openedSeq: Int64
    /// `suspended` after an `account.update` suspended it, else `active`.
    public var status: AccountStatus
    /// Merchants: what a till may redeem by item, and at what price.
    public var catalogue: [CatalogueItem]?
    /// Volunteers: points past their public notice and not expired.
    public var spendable: Int64?
    /// Volunteers: points still in their public notice (公示).
    public var pending: Int64?
    /// Volunteers: spendable points that expire within ``expiringWithinDays``.
    public var expiringSoon: Int64?
    public var expiringWithinDays: Int64?
    /// Merchants: points redeemed into it on ``takingsDay`` (today in the
    /// rule set's zone), less their reversals: what its daily limit counts.
    public var takingsToday: Int64?
    public var takingsDay: String?
    /// Issuers: this month (in the rule set's zone), the points its awards
    /// took from the budget less their reversals (the figure the budget cap
    /// counts), and what is left of the monthly budget, if one applies.
    public var budgetMonth: String?
    public var budgetUsed: Int64?
    public var budgetLeft: Int64?

    enum CodingKeys: String, CodingKey {
        case account, kind, scope, tags, balance, earned, minutes, hours, stars, budget, spendable, pending, status, catalogue
        case openedSeq = "opened_seq"
        case expiringSoon = "expiring_soon"
        case expiringWithinDays = "expiring_within_days"
        case takingsToday = "takings_today"
        case takingsDay = "takings_day"
        case budgetMonth = "budget_month"
        case budgetUsed = "budget_used"
        case budgetLeft = "budget_left"
    }

    /// How far ahead `expiring_soon` looks.
    public static let expiringHorizonDays: Int64 = 30
}

/// `account.history`: an account's entries, oldest first, a page at a time.
public struct AccountHistoryRequest: Codable, Sendable, Equatable {
    public var account: AccountID
    /// Return entries after this seq.
    public var after: Int64?
    public var limit: Int?
    public init(account: AccountID, after: Int64? = nil, limit: Int? = nil) {
        self.account = account
        self.after = after
        self.limit = limit
    }
}

public struct AccountHistoryResult: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var seq: Int64
        public var kind: Entry.Kind
        public var time: Timestamp
        /// Net points for this account: positive in, negative out.
        public var points: Int64
        /// Service minutes recorded (awards) or removed (their reversal).
        public var minutes: Int64?
    }

    public var entries: [Item]
    /// The `after` for the next page, or `nil` at the end.
    public var next: Int64?
}

extension LedgerService {
    public func account(_ request: AccountGetRequest, actor: AccountID) throws(LedgerError) -> AccountView {
        try read { reader in
            guard let (account, status, ruleSetVersion) = try reader.accountWithStatus(request.account) else {
                throw LedgerError(.unknown_account, "\(request.account) is not open")
            }
            try Authorization(actor: actor, reader: reader, known: account).requireRead(account)
            let rules = try currentRuleSet(version: ruleSetVersion, reader: reader)
            var view = AccountView(
                account: account.id, kind: account.id.kind, scope: account.scope, tags: account.tags, balance: account.balance,
                earned: account.earned, minutes: account.minutes, hours: account.minutes / 60, stars: rules.stars(minutes: account.minutes),
                budget: account.budget, openedSeq: account.openedSeq, status: status)
            if account.id.kind == .volunteer {
                let now = clock.now()
                let horizon = AccountView.expiringHorizonDays
                let lots = try reader.lotSummary(
                    of: account.id, now: now, soon: Timestamp(millisecondsSince1970: now.millisecondsSince1970 + horizon * 86_400_000))
                view.spendable = lots.spendable
                view.pending = lots.pending
                view.expiringSoon = lots.expiringSoon
                view.expiringWithinDays = horizon
            }
            if account.id.kind == .merchant {
                let day = rules.redemptionDay(at: clock.now())
                view.takingsToday = try reader.usage(account.id, period: Entry.redemptionPeriodPrefix + day).points
                view.takingsDay = day
                view.catalogue = try reader.catalogue(of: account.id).map { CatalogueItem(item: $0.item, points: $0.points) }
            }
            if account.id.kind == .issuer {
                let now = clock.now()
                let month = rules.periods(activityStart: now, awardTime: now).budgetMonth
                let used = try reader.usage(account.id, period: "budget:" + month).points
                view.budgetMonth = month
                view.budgetUsed = used
                view.budgetLeft = rules.budgets.monthly(for: account.scope, accountBudget: account.budget).map { max(0, $0 - used) }
            }
            return view
        }
    }

    public func history(_ request: AccountHistoryRequest, actor: AccountID) throws(LedgerError) -> AccountHistoryResult {
        let limit = request.limit ?? 100
        guard (1...Limits.historyPage).contains(limit) else {
            throw LedgerError(.invalid_request, "limit must be from 1 to \(Limits.historyPage)")
        }
        return try read { reader in
            guard let account = try reader.account(request.account) else {
                throw LedgerError(.unknown_account, "\(request.account) is not open")
            }
            try Authorization(actor: actor, reader: reader).requireRead(account)
            let movements = try reader.movements(of: account.id, after: request.after, limit: limit + 1)
            let page = movements.prefix(limit)
            let items = try page.map { movement in
                guard let entry = try reader.entry(movement.seq)?.entry else {
                    throw LedgerError(.ledger_invalid, "entry \(movement.seq) is missing")
                }
                let minutes = entry.serviceVolunteer == account.id ? entry.effects[account.id]?.minutes : nil
                return AccountHistoryResult.Item(seq: entry.seq, kind: entry.kind, time: entry.time, points: movement.points, minutes: minutes)
            }
            return AccountHistoryResult(entries: items, next: movements.count > limit ? page.last?.seq : nil)
        }
    }
}

extension AccountView: CanonicalJSONWritable {
    /// The same bytes as through `Codable` (a test holds them equal), with
    /// no tree between: `account.get` is the read every page and till makes.
    public var canonicalJSON: [UInt8] {
        var object = CanonicalObjectWriter()
        object.add("account", account.text)
        object.add("balance", balance)
        object.add("budget", budget)
        object.add("budget_left", budgetLeft)
        object.add("budget_month", budgetMonth)
        object.add("budget_used", budgetUsed)
        object.add("catalogue", json: catalogue.map { items in .array(items.map { .object(["item": .string($0.item), "points": .integer($0.points)]) }) })
        object.add("earned", earned)
        object.add("expiring_soon", expiringSoon)
        object.add("expiring_within_days", expiringWithinDays)
        object.add("hours", hours)
        object.add("kind", kind.rawValue)
        object.add("minutes", minutes)
        object.add("opened_seq", openedSeq)
        object.add("pending", pending)
        object.add("scope", scope.path)
        object.add("spendable", spendable)
        object.add("stars", stars)
        object.add("status", status.rawValue)
        object.add("tags", tags)
        object.add("takings_day", takingsDay)
        object.add("takings_today", takingsToday)
        return object.finish()
    }
}
