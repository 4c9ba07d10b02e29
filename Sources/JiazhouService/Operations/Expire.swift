public import JiazhouCore
import JiazhouStorage

/// `expire`: writes off the points of every lot whose expiry date has
/// passed by `as_of` (default: now), oldest first, to `sink:expired` — one
/// `expire` entry per volunteer and run. Service hours are the record and
/// never expire. Running it again for the same time writes nothing new:
/// the lots it wrote off have nothing left.
public struct ExpireRequest: Codable, Sendable, Equatable {
    /// RFC 3339; default: now. Not after now: points cannot expire ahead of time.
    public var asOf: String?

    enum CodingKeys: String, CodingKey { case asOf = "as_of" }

    public init(asOf: String? = nil) { self.asOf = asOf }
}

public struct ExpireResult: Codable, Sendable, Equatable {
    public var seqs: [Int64]
    public var pointsTotal: Int64
    public var volunteers: Int

    enum CodingKeys: String, CodingKey {
        case seqs, volunteers
        case pointsTotal = "points_total"
    }
}

extension LedgerService {
    /// Lots written off per transaction: a run over a million lots commits in
    /// bounded steps, each whole, and a run cut short is finished by running
    /// it again.
    public static let expiryLotsPerCommit = 20_000

    /// Runs until no lot is left to expire, one bounded transaction at a time.
    public func expire(_ request: ExpireRequest, actor: AccountID, key: String?) async throws(LedgerError) -> ExpireResult {
        var total = ExpireResult(seqs: [], pointsTotal: 0, volunteers: 0)
        var step = 0
        while true {
            let stepKey = key.map { step == 0 ? $0 : "\($0)#\(step)" }
            let result = try await enqueueExpire(request, actor: actor, key: stepKey).value
            total.seqs += result.seqs
            total.pointsTotal += result.pointsTotal
            total.volunteers += result.volunteers
            step += 1
            if result.seqs.isEmpty || result.lotsWrittenOff < Self.expiryLotsPerCommit { return total }
        }
    }

    /// One step of an expiry run: up to ``expiryLotsPerCommit`` lots.
    public func enqueueExpire(_ request: ExpireRequest, actor: AccountID, key: String?) -> Durable<ExpireStep> {
        let now = clock.now()
        let asOf: Timestamp
        do throws(LedgerError) {
            if let text = request.asOf {
                guard let parsed = Timestamp(rfc3339: text) else { throw LedgerError(.invalid_request, "as_of \"\(text.prefix(40))\" is not an RFC 3339 time") }
                guard parsed <= now else { throw LedgerError(.invalid_request, "as_of \(text) is in the future; points expire only when their date has passed") }
                asOf = parsed
            } else {
                asOf = now
            }
        } catch {
            return Durable(refused: error)
        }
        return write("expire", actor: actor, key: key, params: ExpireRequest(asOf: asOf.rfc3339)) { context in
            try Authorization(actor: actor, reader: context.reader).requireOperator("expire points")
            let lots = try context.reader.expiredLots(asOf: asOf, limit: Self.expiryLotsPerCommit)
            // The run also sweeps codes long expired (operational state, not entries).
            try context.writer.deleteStaleRedemptionCodes(now: context.time, limit: Self.expiryLotsPerCommit)
            var seqs: [Int64] = []
            var points: Int64 = 0
            for (volunteer, own) in Dictionary(grouping: lots, by: \.volunteer).sorted(by: { $0.key < $1.key }) {
                let taken = own.sorted { $0.seq < $1.seq }
                let sum = taken.reduce(0) { $0 + $1.remaining }
                let data: JSONValue = [
                    "volunteer": .string(volunteer.text), "as_of": .string(asOf.rfc3339),
                    "lots": .array(taken.map { ["seq": .integer($0.seq), "points": .integer($0.remaining)] }),
                ]
                let sealed = try context.append(.expire, postings: [try Posting(from: volunteer, to: .expiredSink, points: sum)], data: data)
                seqs.append(sealed.entry.seq)
                points += sum
            }
            return ExpireStep(seqs: seqs, pointsTotal: points, volunteers: seqs.count, lotsWrittenOff: lots.count)
        }
    }
}

/// What one transaction of an expiry run wrote off.
public struct ExpireStep: Codable, Sendable, Equatable {
    public var seqs: [Int64]
    public var pointsTotal: Int64
    public var volunteers: Int
    public var lotsWrittenOff: Int

    enum CodingKeys: String, CodingKey {
        case seqs, volunteers
        case pointsTotal = "points_total"
        case lotsWrittenOff = "lots_written_off"
    }
}
