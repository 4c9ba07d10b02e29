public import JiazhouCore
import JiazhouStorage
import Foundation

/// `reverse`: the only way to correct a mistake. A new entry moves the points
/// back; the original stays in the chain, marked as reversed. An award's
/// reversal takes its points back from the volunteer; a redemption's (a
/// see `RedemptionReversal.swift`) gives them back to the lots they came from;
/// a transfer's (`TransferReversal.swift`) takes the gift back whole.
public struct ReverseRequest: Codable, Sendable, Equatable {
    /// The seq of the entry to reverse.
    public var seq: Int64
    public var reason: String
    public init(seq: Int64, reason: String) {
        self.seq = seq
        self.reason = reason
    }
}

public struct ReverseResult: Codable, Sendable, Equatable {
    public var seq: Int64
    /// Points moved back.
    public var points: Int64
}

extension LedgerService {
    public func reverse(_ request: ReverseRequest, actor: AccountID, key: String?) async throws(LedgerError) -> ReverseResult {
        try await enqueueReverse(request, actor: actor, key: key).value
    }

    /// Validates and enqueues; requests enqueued one after another commit in that order.
    public func enqueueReverse(_ request: ReverseRequest, actor: AccountID, key: String?) -> Durable<ReverseResult> {
        do throws(LedgerError) {
            guard !request.reason.trimmingCharacters(in: .whitespaces).isEmpty, request.reason.utf8.count <= Limits.textBytes else {
                throw LedgerError(.invalid_request, "a reversal needs a reason of 1–\(Limits.textBytes) bytes")
            }
        } catch {
            return Durable(refused: error)
        }
        return write("reverse", actor: actor, key: key, params: request) { context in
            let reader = context.reader
            let authorization = try Authorization(actor: actor, reader: reader)
            guard request.seq >= 0, let original = try reader.entry(request.seq)?.entry else {
                throw LedgerError(.unknown_entry, "there is no entry \(request.seq)")
            }
            switch original.kind {
            case .award: break
            case .redeem: return try Self.appendRedemptionReversal(of: original, reason: request.reason, authorization: authorization, context: &context)
            case .transfer: return try Self.appendTransferReversal(of: original, reason: request.reason, authorization: authorization, context: &context)
            default:
                throw LedgerError(.not_reversible, "entry \(request.seq) is a \(original.kind.rawValue); only awards, redemptions and transfers can be reversed")
            }
            let activity = try Activity(json: original.data["activity"] ?? .null)
            try authorization.requireAward(in: activity.scope)
            if let reversal = try reader.reversal(of: request.seq) {
                throw LedgerError(.already_reversed, "entry \(request.seq) was already reversed by entry \(reversal)")
            }
            var postings: [Posting] = []
            for posting in original.postings {
                guard let account = try reader.account(posting.to) else { throw LedgerError(.ledger_invalid, "\(posting.to) is missing") }
                if account.id.kind.isNonNegative, account.balance < posting.points {
                    throw LedgerError(.insufficient_points, "\(posting.to) has \(account.balance) points but the reversal takes back \(posting.points)")
                }
                postings.append(try Posting(from: posting.to, to: posting.from, points: posting.points))
            }
            var data: [String: JSONValue] = [
                "seq": .integer(request.seq), "reason": .string(request.reason), "reversed_kind": .string(original.kind.rawValue),
            ]
            if let volunteer = original.serviceVolunteer {
                data["volunteer"] = .string(volunteer.text)
                data["minutes"] = original.data["minutes"] ?? .integer(0)
                if let periods = original.data["periods"] { data["periods"] = periods }
                let taken = try Self.lotsToTake(postings.reduce(0) { $0 + $1.points }, from: volunteer, award: request.seq, reader: reader)
                if !taken.isEmpty { data["lots"] = .array(taken) }
            }
            let sealed = try context.append(.reverse, postings: postings, data: .object(data))
            return ReverseResult(seq: sealed.entry.seq, points: postings.reduce(0) { $0 + $1.points })
        }
    }
}

extension LedgerService {
    /// The lots a reversal takes its points from: the reversed award's own
    /// lot first (within the public notice that cancels it outright), then
    /// the volunteer's oldest lots for what was already spent from it.
    static func lotsToTake(_ points: Int64, from volunteer: AccountID, award seq: Int64, reader: any LedgerReading) throws -> [JSONValue] {
        var left = points
        var taken: [JSONValue] = []
        var lots = try reader.openLots(of: volunteer)
        if let own = lots.firstIndex(where: { $0.seq == seq }) { lots.insert(lots.remove(at: own), at: 0) }
        for lot in lots where left > 0 {
            let take = min(lot.remaining, left)
            taken.append(["seq": .integer(lot.seq), "points": .integer(take)])
            left -= take
        }
        guard left == 0 else {
            throw LedgerError(.insufficient_points, "\(volunteer) has \(points - left) unspent points but the reversal takes back \(points)")
        }
        return taken
    }
}
