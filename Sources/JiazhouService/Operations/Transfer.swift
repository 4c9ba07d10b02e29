public import JiazhouCore
import JiazhouRules
import JiazhouStorage

/// `transfer`: a volunteer gives spendable points to another volunteer (积分
/// 转赠: to an elderly relative, as time banks do), where the rule set's
/// `transfer` policy allows it and within its daily limits.
///
/// The points come from the giver's spendable lots, oldest first, as a
/// redemption takes them, and arrive as one new lot of the recipient's,
/// keyed by the transfer's seq: spendable at once (the giver could spend
/// them; their public notice has run its course), and expiring when the
/// earliest-expiring lot they were taken from would have. Moving points
/// never lengthens their life: otherwise two volunteers passing points back
/// and forth would renew them for ever. Because the oldest points go first,
/// that date is the giver's next to expire anyway. Service minutes, hours,
/// stars and earned points never move: they are the record of service.
///
/// ```swift
/// let gift = try await ledger.transfer(TransferRequest(from: v123, to: grandmother, points: 50, note: "给奶奶"), actor: v123, key: "gift-1")
/// ```
public struct TransferRequest: Codable, Sendable, Equatable {
    /// The giving volunteer.
    public var from: AccountID
    /// The receiving volunteer.
    public var to: AccountID
    public var points: Int64
    /// Why, for both volunteers' records (1–1024 bytes), optional.
    public var note: String?

    public init(from: AccountID, to: AccountID, points: Int64, note: String? = nil) {
        self.from = from
        self.to = to
        self.points = points
        self.note = note
    }
}

public struct TransferResult: Codable, Sendable, Equatable {
    public var seq: Int64
    public var points: Int64
    /// The giver's balance after the transfer.
    public var balance: Int64
    /// When the recipient's new lot expires; absent: never.
    public var expires: Timestamp?
}

extension LedgerService {
    public func transfer(_ request: TransferRequest, actor: AccountID, key: String?) async throws(LedgerError) -> TransferResult {
        try await enqueueTransfer(request, actor: actor, key: key).value
    }

    /// Validates and enqueues; requests enqueued one after another commit in that order.
    public func enqueueTransfer(_ request: TransferRequest, actor: AccountID, key: String?) -> Durable<TransferResult> {
        do throws(LedgerError) {
            try Self.validateTransfer(request)
        } catch {
            return Durable(refused: error)
        }
        return write("transfer", actor: actor, key: key, params: request) { context in
            let reader = context.reader
            let authorization = try Authorization(actor: actor, reader: reader)
            guard authorization.isOperator || actor == request.from else {
                throw LedgerError(.forbidden, "\(actor) may not give \(request.from)'s points; a volunteer gives only its own")
            }
            guard try reader.account(request.from) != nil else { throw LedgerError(.unknown_account, "\(request.from) is not open") }
            guard let recipient = try reader.account(request.to) else { throw LedgerError(.unknown_account, "\(request.to) is not open") }
            try Self.requireActive(request.from, "give points", reader: reader)
            try Self.requireActive(request.to, "receive points", reader: reader)
            let rules = try context.service.currentRuleSet(reader: reader)
            let policy = rules.transfer
            guard policy.allowed else {
                throw LedgerError(.transfer_not_allowed, "the rule set in force (v\(rules.version)) allows no transfers of points between volunteers")
            }
            guard policy.mayReceive(tags: recipient.tags) else {
                throw LedgerError(
                    .transfer_not_allowed,
                    "the rule set in force (v\(rules.version)) allows gifts only to volunteers tagged \((policy.toTags ?? []).joined(separator: " or ")); \(request.to) is not")
            }
            let day = rules.transferDay(at: context.time)
            try Self.requireWithinTransferLimits(request, day: day, policy: policy, reader: reader)
            let lots = try Self.spendableLotsToTake(request.points, from: request.from, at: context.time, reader: reader)
            let expires = try Self.earliestExpiry(of: lots.map(\.seq), reader: reader)
            var lot: [String: JSONValue] = ["available": .string(context.time.rfc3339)]
            if let expires { lot["expires"] = .string(expires.rfc3339) }
            var data: [String: JSONValue] = [
                "lots": .array(lots.map { ["seq": .integer($0.seq), "points": .integer($0.points)] }),
                "lot": .object(lot),
                "periods": ["day": .string(day)],
            ]
            if let note = request.note { data["note"] = .string(note) }
            let sealed = try context.append(.transfer, postings: [try Posting(from: request.from, to: request.to, points: request.points)], data: .object(data))
            guard let after = try context.reader.account(request.from) else { throw LedgerError(.ledger_invalid, "\(request.from) is missing") }
            return TransferResult(seq: sealed.entry.seq, points: request.points, balance: after.balance, expires: expires)
        }
    }

    static func validateTransfer(_ request: TransferRequest) throws(LedgerError) {
        guard request.from.kind == .volunteer else {
            throw LedgerError(.invalid_request, "a transfer gives a volunteer's points, not \(request.from)'s")
        }
        // A merchant takes points only by redemption: with the volunteer's code, within its daily limits.
        guard request.to.kind == .volunteer else {
            throw LedgerError(.invalid_request, "points are given only to volunteers, not to \(request.to); a merchant takes them by redemption, with a code")
        }
        // A rule of the ledger, not a request's form (the two ids are each well
        // formed, and no schema compares them): 422, as the rule set's own refusals.
        guard request.from != request.to else { throw LedgerError(.transfer_not_allowed, "\(request.from) cannot give points to itself") }
        guard request.points > 0, request.points <= Int64(Limits.maxSafeInteger) else {
            throw LedgerError(.invalid_request, "points must be a whole number from 1 to 2^53, not \(request.points)")
        }
        if let note = request.note, !(1...Limits.textBytes).contains(note.utf8.count) {
            throw LedgerError(.invalid_request, "a note is 1–\(Limits.textBytes) bytes of text")
        }
    }

    /// Refuses with `limit_exceeded` when the policy's daily limits leave
    /// less than the request's points for the giver or the recipient.
    static func requireWithinTransferLimits(_ request: TransferRequest, day: String, policy: TransferPolicy, reader: any LedgerReading) throws {
        let checks = [
            (request.from, Entry.transferOutPeriodPrefix, policy.giverDayPoints, "give"),
            (request.to, Entry.transferInPeriodPrefix, policy.recipientDayPoints, "receive"),
        ]
        for (account, prefix, limit, verb) in checks {
            guard let limit else { continue }
            let used = try reader.usage(account, period: prefix + day).points
            if used + request.points > limit {
                throw LedgerError(
                    .limit_exceeded,
                    "\(account) may \(verb) \(limit) points a day by transfer and has already \(verb == "give" ? "given" : "received") \(used) on \(day); \(request.points) more would pass the limit")
            }
        }
    }

    /// The earliest expiry among the lots `seqs`; `nil` if none expires.
    static func earliestExpiry(of seqs: [Int64], reader: any LedgerReading) throws -> Timestamp? {
        var earliest: Timestamp?
        for seq in seqs {
            guard let lot = try reader.lot(ofAward: seq) else { throw LedgerError(.ledger_invalid, "the lot of entry \(seq) is missing") }
            if let expires = lot.expires, earliest.map({ expires < $0 }) ?? true { earliest = expires }
        }
        return earliest
    }
}
