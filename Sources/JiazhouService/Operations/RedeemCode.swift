public import JiazhouCore
import JiazhouRules
import JiazhouStorage

/// `redeem.code`: a volunteer asks for a one-time code that lets one
/// merchant take its points once, within the rule set's code lifetime.
///
/// Issuing a code writes no entry (a code is not points) but goes through
/// the one writer, so that a code exists before anyone can use it. It takes
/// no idempotency key: replaying a first result would mean keeping the code
/// in clear, and asking twice is harmless (two one-time codes).
public struct RedeemCodeRequest: Codable, Sendable, Equatable {
    public var volunteer: AccountID
    public init(volunteer: AccountID) {
        self.volunteer = volunteer
    }
}

public struct RedeemCodeResult: Codable, Sendable, Equatable {
    /// `K7QD-3M9X`: shown once, stored only as its hash.
    public var code: String
    public var expires: Timestamp
}

extension LedgerService {
    /// Stale codes deleted at each new code: a bounded cost, more than one.
    static let staleCodesPerIssue = 16

    public func redeemCode(_ request: RedeemCodeRequest, actor: AccountID, key: String?) async throws(LedgerError) -> RedeemCodeResult {
        try await enqueueRedeemCode(request, actor: actor, key: key).value
    }

    /// Validates and enqueues; the code is drawn from the service's random source.
    public func enqueueRedeemCode(_ request: RedeemCodeRequest, actor: AccountID, key: String?) -> Durable<RedeemCodeResult> {
        guard key == nil else {
            return Durable(refused: LedgerError(.invalid_request, "redeem.code takes no idempotency key: its result is a secret the ledger does not keep; ask again for a new code"))
        }
        guard request.volunteer.kind == .volunteer else {
            return Durable(refused: LedgerError(.invalid_request, "redemption codes spend a volunteer's points, not \(request.volunteer)'s"))
        }
        return write("redeem.code", actor: actor, key: nil, params: request) { context in
            let reader = context.reader
            let authorization = try Authorization(actor: actor, reader: reader)
            guard authorization.isOperator || actor == request.volunteer else {
                throw LedgerError(.forbidden, "\(actor) may not ask for \(request.volunteer)'s redemption codes; only the volunteer may")
            }
            guard try reader.account(request.volunteer) != nil else { throw LedgerError(.unknown_account, "\(request.volunteer) is not open") }
            try Self.requireActive(request.volunteer, "ask for redemption codes", reader: reader)
            let rules = try context.service.currentRuleSet(reader: reader)
            let expires = rules.redemptionCodeExpiry(issuedAt: context.time)
            // More deleted than issued, so the table holds little beyond the live codes.
            try context.writer.deleteStaleRedemptionCodes(now: context.time, limit: Self.staleCodesPerIssue)
            // 40 bits collide rarely, but the table keeps spent codes too: draw again.
            for _ in 0..<8 {
                let code = RedemptionCode(randomBytes: context.service.random.bytes(RedemptionCode.randomBytes))
                if try context.writer.insertRedemptionCode(hash: code.hash, volunteer: request.volunteer, created: context.time, expires: expires) {
                    return RedeemCodeResult(code: code.description, expires: expires)
                }
            }
            throw LedgerError(.storage_unavailable, "eight random codes in a row were already taken: the random source is broken")
        }
    }
}
