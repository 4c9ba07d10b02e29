import JiazhouCore
import JiazhouStorage

extension LedgerService {
    /// The `reverse` of a redemption (the till's 退款). The merchant it paid (or an
    /// operator) gives the points back, and they go back to the very lots
    /// the redemption took them from (`data.lots`, copied from the
    /// redemption), so that they keep their notice and expiry dates. The
    /// day it counted in (`data.periods`) is copied too: a reversed
    /// redemption no longer counts against the daily limits.
    static func appendRedemptionReversal(of redemption: Entry, reason: String, authorization: Authorization, context: inout WriteContext) throws -> ReverseResult {
        guard let volunteer = redemption.serviceVolunteer, let merchant = redemption.redemptionMerchant else {
            throw LedgerError(.ledger_invalid, "redemption \(redemption.seq) names no volunteer or merchant")
        }
        guard authorization.isOperator || authorization.principal.id == merchant else {
            throw LedgerError(.forbidden, "\(authorization.principal.id) may not reverse redemption \(redemption.seq); only \(merchant), which it paid, or an operator may")
        }
        let reader = context.reader
        // A suspended merchant's reversals are the operator's to make.
        if !authorization.isOperator { try requireActive(merchant, "reverse redemptions", reader: reader) }
        if let reversal = try reader.reversal(of: redemption.seq) {
            throw LedgerError(.already_reversed, "redemption \(redemption.seq) was already reversed by entry \(reversal)")
        }
        let points = redemption.postings.reduce(0) { $0 + $1.points }
        guard let account = try reader.account(merchant) else { throw LedgerError(.ledger_invalid, "\(merchant) is missing") }
        guard account.balance >= points else {
            throw LedgerError(.insufficient_points, "\(merchant) holds \(account.balance) points but the reversal gives back \(points)")
        }
        var data: [String: JSONValue] = [
            "seq": .integer(redemption.seq), "reason": .string(reason), "reversed_kind": .string(Entry.Kind.redeem.rawValue),
            "volunteer": .string(volunteer.text),
        ]
        for field in ["lots", "periods"] { data[field] = redemption.data[field] }
        let sealed = try context.append(.reverse, postings: [try Posting(from: merchant, to: volunteer, points: points)], data: .object(data))
        return ReverseResult(seq: sealed.entry.seq, points: points)
    }
}
