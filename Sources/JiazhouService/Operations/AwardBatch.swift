public import JiazhouCore
import JiazhouRules
import JiazhouStorage

/// `award.batch`: one activity, many participants, each with their minutes.
/// All or nothing by default; with `atomic: false`, each row stands alone.
/// Caps and budgets apply row by row, in order. One idempotency key covers
/// the batch: sending it again writes nothing twice.
public struct AwardBatchRequest: Codable, Sendable, Equatable {
    /// `{id, category, start, scope, tags}`; `minutes` is the default for
    /// participants who give none.
    public var activity: BatchActivity
    public var participants: [Participant]
    /// Default true: one bad row refuses the whole batch.
    public var atomic: Bool?

    public struct Participant: Codable, Sendable, Equatable {
        public var volunteer: AccountID
        public var minutes: Int64?
        public init(volunteer: AccountID, minutes: Int64?) {
            self.volunteer = volunteer
            self.minutes = minutes
        }
    }

    public init(activity: BatchActivity, participants: [Participant], atomic: Bool? = nil) {
        self.activity = activity
        self.participants = participants
        self.atomic = atomic
    }
}

/// An activity whose minutes may differ by participant.
public struct BatchActivity: Codable, Sendable, Equatable {
    public var id: String
    public var category: String
    public var minutes: Int64?
    public var start: String
    public var scope: Scope
    public var tags: [String]?
    /// 活动名称, for the certificate.
    public var title: String?

    public init(id: String, category: String, minutes: Int64? = nil, start: String, scope: Scope, tags: [String]? = nil, title: String? = nil) {
        self.id = id
        self.category = category
        self.minutes = minutes
        self.start = start
        self.scope = scope
        self.tags = tags
        self.title = title
    }

    /// The activity as one participant's award sees it.
    public func activity(minutes participantMinutes: Int64?) -> Activity {
        Activity(id: id, category: category, minutes: participantMinutes ?? minutes ?? 0, start: start, scope: scope, tags: tags ?? [], title: title)
    }
}

public struct AwardBatchResult: Codable, Sendable, Equatable {
    /// The seqs written, in row order.
    public var seqs: [Int64]
    public var pointsTotal: Int64
    /// One per participant, in order.
    public var rows: [Row]

    public struct Row: Codable, Sendable, Equatable {
        public var volunteer: AccountID
        public var ok: Bool
        public var seq: Int64?
        public var points: Int64?
        public var minutes: Int64?
        public var error: RowError?
    }

    public struct RowError: Codable, Sendable, Equatable {
        public var reason: Reason
        public var message: String
    }

    enum CodingKeys: String, CodingKey {
        case seqs, rows
        case pointsTotal = "points_total"
    }
}

extension LedgerService {
    public func awardBatch(_ request: AwardBatchRequest, actor: AccountID, key: String?) async throws(LedgerError) -> AwardBatchResult {
        try await enqueueAwardBatch(request, actor: actor, key: key).value
    }

    public func enqueueAwardBatch(_ request: AwardBatchRequest, actor: AccountID, key: String?) -> Durable<AwardBatchResult> {
        do throws(LedgerError) {
            guard (1...Limits.batchParticipants).contains(request.participants.count) else {
                throw LedgerError(
                    request.participants.isEmpty ? .invalid_request : .too_large,
                    "a batch has 1 to \(Limits.batchParticipants) participants, not \(request.participants.count); award a bigger sheet with `jiazhou award import`")
            }
            try request.activity.activity(minutes: request.activity.minutes ?? 1).validate()
        } catch {
            return Durable(refused: error)
        }
        let atomic = request.atomic ?? true
        return write("award.batch", actor: actor, key: key, params: request) { context in
            try Authorization(actor: actor, reader: context.reader).requireAward(in: request.activity.scope)
            let rules = try context.service.currentRuleSet(reader: context.reader)
            var rows: [AwardBatchResult.Row] = []
            rows.reserveCapacity(request.participants.count)
            var seen: [AccountID: Int] = [:]
            for (index, participant) in request.participants.enumerated() {
                let row: AwardBatchResult.Row
                do {
                    if let first = seen.updateValue(index, forKey: participant.volunteer) {
                        throw LedgerError(.invalid_request, "\(participant.volunteer) is already row \(first + 1) of this activity")
                    }
                    row = try context.attempt { context in
                        try Self.appendBatchRow(participant, of: request.activity, rules: rules, context: &context)
                    }
                } catch {
                    let refusal = StorageErrors.describe(error)
                    if refusal.reason == .storage_unavailable { throw refusal }
                    row = AwardBatchResult.Row(
                        volunteer: participant.volunteer, ok: false, error: AwardBatchResult.RowError(reason: refusal.reason, message: refusal.message))
                }
                rows.append(row)
            }
            let failed = rows.enumerated().filter { !$0.element.ok }
            if atomic, let first = failed.first {
                throw LedgerError(
                    first.element.error!.reason,
                    "\(failed.count) of \(rows.count) rows were refused, so nothing was written; row \(first.offset + 1) (\(first.element.volunteer)): \(first.element.error!.message)",
                    details: ["rows": try JSONValue(encoding: failed.map { BadRow(row: $0.offset + 1, row: $0.element) })])
            }
            return AwardBatchResult(seqs: rows.compactMap(\.seq), pointsTotal: rows.reduce(0) { $0 + ($1.points ?? 0) }, rows: rows)
        }
    }

    /// One participant's award, priced after every row before it.
    private static func appendBatchRow(
        _ participant: AwardBatchRequest.Participant, of activity: BatchActivity, rules: RuleSet, context: inout WriteContext
    ) throws -> AwardBatchResult.Row {
        let request = AwardRequest(volunteer: participant.volunteer, activity: activity.activity(minutes: participant.minutes))
        let priced = try priceAward(request, rules: rules, reader: context.reader, time: context.time)
        let sealed = try context.append(priced)
        return AwardBatchResult.Row(
            volunteer: participant.volunteer, ok: true, seq: sealed.entry.seq, points: priced.pricing.points, minutes: priced.pricing.minutes)
    }
}

/// A refused row as `data.rows` lists it: its 1-based row number, volunteer, reason and message.
private struct BadRow: Encodable {
    let row: Int
    let volunteer: AccountID
    let reason: Reason
    let message: String

    init(row: Int, row entry: AwardBatchResult.Row) {
        self.row = row
        self.volunteer = entry.volunteer
        self.reason = entry.error?.reason ?? .invalid_request
        self.message = entry.error?.message ?? ""
    }
}
