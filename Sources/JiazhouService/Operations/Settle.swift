public import JiazhouCore
import JiazhouStorage

/// `settle`: an operator pays a merchant out. One `settle` entry moves the
/// merchant's whole balance to `sink:settled`; its data is the office's
/// statement of what to pay: the merchant, the points, and `through_seq`,
/// the last entry whose takings it includes (every entry before it).
public struct SettleRequest: Codable, Sendable, Equatable {
    public var merchant: AccountID
    public init(merchant: AccountID) { self.merchant = merchant }
}

public struct SettleResult: Codable, Sendable, Equatable {
    public var seq: Int64
    /// Points settled: the merchant's whole balance before the entry.
    public var points: Int64
}

extension LedgerService {
    public func settle(_ request: SettleRequest, actor: AccountID, key: String?) async throws(LedgerError) -> SettleResult {
        try await enqueueSettle(request, actor: actor, key: key).value
    }

    /// Validates and enqueues; requests enqueued one after another commit in that order.
    public func enqueueSettle(_ request: SettleRequest, actor: AccountID, key: String?) -> Durable<SettleResult> {
        guard request.merchant.kind == .merchant else {
            return Durable(refused: LedgerError(.invalid_request, "settlements pay merchants, not \(request.merchant)"))
        }
        return write("settle", actor: actor, key: key, params: request) { context in
            let reader = context.reader
            // Settling moves money the office pays out: not the merchant's own call, nor a coordinator's.
            try Authorization(actor: actor, reader: reader).requireOperator("settle a merchant")
            guard let merchant = try reader.account(request.merchant) else { throw LedgerError(.unknown_account, "\(request.merchant) is not open") }
            // A settlement of 0 would be a statement of nothing to pay; refusing writes nothing and says why.
            guard merchant.balance > 0 else {
                throw LedgerError(.nothing_to_do, "\(request.merchant) has nothing to settle: its balance is 0")
            }
            let throughSeq = context.writer.head.size - 1
            let data: JSONValue = [
                "merchant": .string(request.merchant.text), "points": .integer(merchant.balance), "through_seq": .integer(throughSeq),
            ]
            let sealed = try context.append(.settle, postings: [try Posting(from: request.merchant, to: .settledSink, points: merchant.balance)], data: data)
            return SettleResult(seq: sealed.entry.seq, points: merchant.balance)
        }
    }
}
