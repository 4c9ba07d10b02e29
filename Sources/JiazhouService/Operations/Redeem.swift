public import JiazhouCore
import JiazhouRules
import JiazhouStorage

/// `redeem`: a merchant takes a volunteer's points with the volunteer's
/// one-time code. Whole or nothing: the entry, its lots, the daily usage and
/// the code marked used commit in one transaction, so the one writer lets
/// exactly one of two merchants racing with one code through.
public struct RedeemRequest: Codable, Sendable, Equatable {
    /// The merchant the points go to.
    public var merchant: AccountID
    /// The code as the volunteer showed it (`K7QD-3M9X`; case and dashes do not matter).
    public var code: String
    /// Absent: the price of `item` in the merchant's catalogue.
    public var points: Int64?
    /// What was bought, for the merchant's and the volunteer's records.
    public var item: String?

    public init(merchant: AccountID, code: String, points: Int64?, item: String? = nil) {
        self.merchant = merchant
        self.code = code
        self.points = points
        self.item = item
    }
}

public struct RedeemResult: Codable, Sendable, Equatable {
    public var seq: Int64
    public var points: Int64
    /// The volunteer's balance after the redemption.
    public var balance: Int64
}

extension LedgerService {
    public func redeem(_ request: RedeemRequest, actor: AccountID, key: String?) async throws(LedgerError) -> RedeemResult {
        try await enqueueRedeem(request, actor: actor, key: key).value
    }

    /// Validates and enqueues; requests enqueued one after another commit in that order.
    public func enqueueRedeem(_ request: RedeemRequest, actor: AccountID, key: String?) -> Durable<RedeemResult> {
        let code: RedemptionCode
        do throws(LedgerError) {
            guard request.merchant.kind == .merchant else { throw LedgerError(.invalid_request, "redemptions pay merchants, not \(request.merchant)") }
            guard let typed = RedemptionCode(typed: request.code) else {
                throw LedgerError(.invalid_request, "a redemption code is 8 characters of 0–9 and A–Z without I, L, O, U, like K7QD-3M9X")
            }
            code = typed
            if let points = request.points {
                guard points > 0, points <= Int64(Limits.maxSafeInteger) else {
                    throw LedgerError(.invalid_request, "points must be a whole number from 1 to 2^53, not \(points)")
                }
            } else if request.item == nil {
                throw LedgerError(.invalid_request, "give points, or an item of the merchant's catalogue to redeem at its price")
            }
            if let item = request.item, !(1...Limits.textBytes).contains(item.utf8.count) {
                throw LedgerError(.invalid_request, "an item is 1–\(Limits.textBytes) bytes of text")
            }
        } catch {
            return Durable(refused: error)
        }
        return write("redeem", actor: actor, key: key, params: request) { context in
            let reader = context.reader
            let authorization = try Authorization(actor: actor, reader: reader)
            guard authorization.isOperator || actor == request.merchant else {
                throw LedgerError(.forbidden, "\(actor) may not redeem into \(request.merchant); a merchant redeems only into itself")
            }
            guard try reader.account(request.merchant) != nil else { throw LedgerError(.unknown_account, "\(request.merchant) is not open") }
            try Self.requireActive(request.merchant, "take redemptions", reader: reader)
            let (points, priced) = try Self.price(request, reader: reader)
            let rules = try context.service.currentRuleSet(reader: reader)
            let volunteer = try Self.liveCode(code, at: context.time, merchant: request.merchant, rules: rules, throttle: context.service.codeThrottle, reader: reader)
            try Self.requireActive(volunteer, "spend points", reader: reader)
            let day = rules.redemptionDay(at: context.time)
            try Self.requireWithinDailyLimits(points, merchant: request.merchant, volunteer: volunteer, day: day, limits: rules.redemption, reader: reader)
            let lots = try Self.spendableLotsToTake(points, from: volunteer, at: context.time, reader: reader)
            let redemption = RedeemData(
                volunteer: volunteer, codeHash: code.hash, item: request.item, lots: lots.map { .init(seq: $0.seq, points: $0.points) }, day: day,
                catalogueSeq: priced?.seq)
            let sealed = try context.append(redemption: redemption, postings: [try Posting(from: volunteer, to: request.merchant, points: points)])
            guard try context.writer.markRedemptionCodeUsed(hash: code.hash, by: sealed.entry.seq) else {
                throw LedgerError(.code_used, "the code was used while this redemption was written")
            }
            guard let after = try context.reader.account(volunteer) else { throw LedgerError(.ledger_invalid, "\(volunteer) is missing") }
            return RedeemResult(seq: sealed.entry.seq, points: points, balance: after.balance)
        }
    }

    /// The points a redemption takes: as given, or the catalogue's price of its item.
    static func price(_ request: RedeemRequest, reader: any LedgerReading) throws -> (points: Int64, priced: CatalogueEntry?) {
        if let points = request.points { return (points, nil) }
        guard let item = request.item, let priced = try reader.catalogueItem(item, of: request.merchant) else {
            throw LedgerError(.unknown_item, "\(request.merchant)'s catalogue has no \"\(request.item ?? "")\"; give the points, or an item it lists")
        }
        return (priced.points, priced)
    }

    /// The volunteer whose live, unused code `code` is. A merchant that has
    /// typed too many codes never issued is refused first (`CodeThrottle`).
    static func liveCode(
        _ code: RedemptionCode, at time: Timestamp, merchant: AccountID, rules: RuleSet, throttle: CodeThrottle, reader: any LedgerReading
    ) throws -> AccountID {
        let limits = rules.redemption
        if let wait = throttle.retryAfterSeconds(merchant, now: time, limit: limits.unknownCodeLimit, windowMinutes: limits.unknownCodeMinutes) {
            throw LedgerError(
                .rate_limited,
                "\(merchant) typed \(limits.unknownCodeLimit) codes that were never issued within \(limits.unknownCodeMinutes) minutes; try again in \(wait) s",
                details: ["retry_after_seconds": .integer(wait)])
        }
        guard let stored = try reader.redemptionCode(hash: code.hash) else {
            throttle.recordUnknownCode(merchant, now: time, limit: limits.unknownCodeLimit)
            throw LedgerError(.unknown_code, "no code \(code) was issued; ask the volunteer to show it again")
        }
        if let used = stored.usedSeq {
            throw LedgerError(.code_used, "code \(code) was already used by redemption \(used); the volunteer asks for a new one")
        }
        guard time < stored.expires else {
            throw LedgerError(.code_expired, "code \(code) expired at \(stored.expires.rfc3339); the volunteer asks for a new one")
        }
        return stored.volunteer
    }

    /// Refuses with `limit_exceeded` when the rule set's daily redemption
    /// limits leave less than `points` for the merchant or the volunteer.
    static func requireWithinDailyLimits(
        _ points: Int64, merchant: AccountID, volunteer: AccountID, day: String, limits: RedemptionLimits, reader: any LedgerReading
    ) throws {
        let period = Entry.redemptionPeriodPrefix + day
        for (account, limit) in [(merchant, limits.merchantDayPoints), (volunteer, limits.volunteerDayPoints)] {
            guard let limit else { continue }
            let used = try reader.usage(account, period: period).points
            if used + points > limit {
                throw LedgerError(
                    .limit_exceeded, "\(account) may redeem \(limit) points a day and has redeemed \(used) on \(day); \(points) more would pass the limit")
            }
        }
    }

    /// The volunteer's spendable lots (past their public notice, not
    /// expired) that `points` are taken from: the oldest first, the last
    /// one perhaps in part.
    static func spendableLotsToTake(_ points: Int64, from volunteer: AccountID, at time: Timestamp, reader: any LedgerReading) throws -> [(seq: Int64, points: Int64)] {
        var left = points
        var taken: [(seq: Int64, points: Int64)] = []
        for lot in try reader.openLots(of: volunteer) where left > 0 && lot.available <= time && lot.expires.map({ time < $0 }) ?? true {
            let take = min(lot.remaining, left)
            taken.append((lot.seq, take))
            left -= take
        }
        guard left == 0 else {
            let summary = try reader.lotSummary(of: volunteer, now: time, soon: time)
            throw LedgerError(
                .insufficient_points,
                "\(volunteer) has \(points - left) spendable points, not \(points)" + (summary.pending > 0 ? " (\(summary.pending) more are still in their public notice)" : ""))
        }
        return taken
    }
}
