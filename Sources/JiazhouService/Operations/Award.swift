public import JiazhouCore
import JiazhouRules
import JiazhouStorage

/// `award`: points for one volunteer's service in one activity, paid by the
/// issuer of the activity's scope and priced by the rule set in force.
public struct AwardRequest: Codable, Sendable, Equatable {
    public var volunteer: AccountID
    public var activity: Activity
    public init(volunteer: AccountID, activity: Activity) {
        self.volunteer = volunteer
        self.activity = activity
    }
}

public struct AwardResult: Codable, Sendable, Equatable {
    public var seq: Int64
    /// Points awarded (after caps and budget).
    public var points: Int64
    /// Counted service minutes.
    public var minutes: Int64
    /// Each rule that fired and its points.
    public var explanation: [JSONValue]

    public init(seq: Int64, points: Int64, minutes: Int64, explanation: [JSONValue]) {
        self.seq = seq
        self.points = points
        self.minutes = minutes
        self.explanation = explanation
    }
}

/// Written directly: every award's result is stored with its idempotency
/// key and sent back, and through `Codable` that encoding was a tenth of
/// the writer's time per award.
extension AwardResult: CanonicalJSONWritable {
    public var canonicalJSON: [UInt8] {
        var object = CanonicalObjectWriter(capacity: 128)
        object.add("explanation", json: .array(explanation))
        object.add("minutes", minutes)
        object.add("points", points)
        object.add("seq", seq)
        return object.finish()
    }
}

extension LedgerService {
    /// The issuer that pays for an activity: the deepest open issuer at or
    /// above the activity's scope, so that a grid worker's clean-up is paid
    /// from its community's budget unless the grid has an issuer of its own.
    static func payingIssuer(for scope: Scope, reader: any LedgerReading) throws -> AccountID {
        for candidate in scope.selfAndAncestors.map(AccountID.issuer(for:)) where try reader.account(candidate) != nil {
            return candidate
        }
        throw LedgerError(.unknown_account, "no issuer pays for \(scope): open issuer:\(scope.root.path) or an issuer below it first")
    }

    public func award(_ request: AwardRequest, actor: AccountID, key: String?) async throws(LedgerError) -> AwardResult {
        try await enqueueAward(request, actor: actor, key: key).value
    }

    /// Validates and enqueues; requests enqueued one after another commit in that order.
    public func enqueueAward(_ request: AwardRequest, actor: AccountID, key: String?) -> Durable<AwardResult> {
        do throws(LedgerError) {
            try request.activity.validate()
            guard request.volunteer.kind == .volunteer else {
                throw LedgerError(.invalid_request, "awards go to volunteers, not to \(request.volunteer)")
            }
        } catch {
            return Durable(refused: error)
        }
        return write("award", actor: actor, key: key, params: request) { context in
            let reader = context.reader
            try Authorization(actor: actor, reader: reader).requireAward(in: request.activity.scope)
            let rules = try context.service.currentRuleSet(reader: reader)
            let priced = try Self.priceAward(request, rules: rules, reader: reader, time: context.time)
            let sealed = try context.append(priced)
            return AwardResult(seq: sealed.entry.seq, points: priced.pricing.points, minutes: priced.pricing.minutes, explanation: priced.pricing.explanation.map(\.json))
        }
    }
}
