import JiazhouCore
import JiazhouStorage

extension LedgerService {
    /// The `reverse` of a transfer: a gift made by mistake (the wrong
    /// recipient, the wrong amount) is undone by an operator, the office
    /// that hears both volunteers — never by the giver alone, since a gift
    /// given is the recipient's. Only while the recipient still holds the
    /// whole gift (its lot untouched): points it has spent, given on or lost
    /// to expiry cannot come back. The points go back to the very lots of the
    /// giver's they came from (`data.lots`, copied from the transfer), keeping
    /// their dates, and the day's transfer limits count them no more.
    static func appendTransferReversal(of transfer: Entry, reason: String, authorization: Authorization, context: inout WriteContext) throws -> ReverseResult {
        guard let parties = transfer.transferParties else { throw LedgerError(.ledger_invalid, "transfer \(transfer.seq) has no single posting") }
        try authorization.requireOperator("reverse a transfer (a gift is the recipient's; the office undoes a mistaken one)")
        let reader = context.reader
        if let reversal = try reader.reversal(of: transfer.seq) {
            throw LedgerError(.already_reversed, "transfer \(transfer.seq) was already reversed by entry \(reversal)")
        }
        let points = transfer.postings.reduce(0) { $0 + $1.points }
        guard let lot = try reader.lot(ofAward: transfer.seq) else { throw LedgerError(.ledger_invalid, "the lot of transfer \(transfer.seq) is missing") }
        guard lot.remaining == lot.points else {
            throw LedgerError(
                .insufficient_points,
                "\(parties.recipient) holds \(lot.remaining) of the \(points) points transfer \(transfer.seq) gave; a transfer is reversed only while the recipient holds all of it")
        }
        var data: [String: JSONValue] = [
            "seq": .integer(transfer.seq), "reason": .string(reason), "reversed_kind": .string(Entry.Kind.transfer.rawValue),
        ]
        for field in ["lots", "periods"] { data[field] = transfer.data[field] }
        let sealed = try context.append(.reverse, postings: [try Posting(from: parties.recipient, to: parties.giver, points: points)], data: .object(data))
        return ReverseResult(seq: sealed.entry.seq, points: points)
    }
}
