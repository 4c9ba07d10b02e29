import JiazhouCore
import JiazhouService

// What each request type's validation (in JiazhouService and JiazhouCore)
// enforces beyond its members' types, stated with the same constants. A
// bound changed there without here makes OpenAPITests' boundary requests
// fail, and `scripts/fuzz-http.sh` (schemathesis) find the difference.

/// The bounds several requests share.
private enum Shared {
    /// Points that change hands: from 1 to 2^53.
    static let points = SchemaConstraint.range(1...Int64(Limits.maxSafeInteger))
    /// A free-text reason: 1–``Limits/textBytes`` bytes, not only blanks.
    static let reason = SchemaConstraint.all([.length(1...Limits.textBytes), .pattern(DomainPatterns.notBlank)])
    static let tags = SchemaConstraint.all([.count(0...Limits.tags), .each(.length(1...Activity.maxTagBytes))])
    /// An entry's seq (or a rule set's version): not negative.
    static let seq = SchemaConstraint.range(0...Int64(Limits.maxSafeInteger))
    static let treeSize = SchemaConstraint.range(1...Int64(Limits.maxSafeInteger))
    static let month = SchemaConstraint.pattern(DomainPatterns.month)
}

extension AccountOpenRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] {
        ["tags": Shared.tags, "profile": .anyObject, "budget": .range(0...Int64(Limits.maxSafeInteger))]
    }

    /// Only issuers have a budget; an issuer's scope is its name, so it gives none.
    static var shapes: [SchemaShape] {
        [
            .account("account", [.issuer], excluded: ["scope"]),
            .account("account", AccountID.Kind.allCases.filter { $0 != .issuer }, excluded: ["budget"], required: ["scope"]),
        ]
    }
}

extension AccountHistoryRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["limit": .range(1...Int64(Limits.historyPage))] }
}

extension AccountUpdateRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] {
        ["account": .accountKinds([.merchant, .volunteer]), "catalogue": .all([.count(0...maxCatalogueItems), .unique]), "reason": Shared.reason]
    }

    /// A status, or a catalogue (with or without one): something to write.
    static var shapes: [SchemaShape] {
        [SchemaShape(required: ["status"]), SchemaShape(excluded: ["status"], required: ["catalogue"])]
    }
}

extension CatalogueItem: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["item": .all([.length(1...maxItemBytes), .pattern(DomainPatterns.oneLine)]), "points": Shared.points] }
}

extension Activity: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] {
        [
            "id": .all([.length(1...maxIDBytes), .pattern(DomainPatterns.oneLine)]), "minutes": .range(1...Limits.minutesPerActivity),
            "start": .pattern(DomainPatterns.time), "tags": Shared.tags,
            "title": .all([.length(1...Limits.activityTitleBytes), .pattern(DomainPatterns.oneLine)]),
        ]
    }
}

extension BatchActivity: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { Activity.memberConstraints }
}

extension AwardRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["volunteer": .accountKinds([.volunteer])] }
}

extension AwardBatchRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["participants": .count(1...Limits.batchParticipants)] }

    /// Each participant's minutes are its own or the activity's: one of them is given.
    static var shapes: [SchemaShape] {
        [
            SchemaShape(narrowed: ["activity": .requiring(["minutes"])]),
            SchemaShape(narrowed: ["activity": .excluding(["minutes"]), "participants": .each(.requiring(["minutes"]))]),
        ]
    }
}

extension AwardBatchRequest.Participant: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] {
        ["volunteer": .accountKinds([.volunteer]), "minutes": .range(1...Limits.minutesPerActivity)]
    }
}

extension RedeemCodeRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["volunteer": .accountKinds([.volunteer])] }
}

extension RedeemRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] {
        ["merchant": .accountKinds([.merchant]), "code": .pattern(RedemptionCode.pattern), "points": Shared.points, "item": .length(1...Limits.textBytes)]
    }

    /// Points, or an item of the catalogue at its price.
    static var shapes: [SchemaShape] { [SchemaShape(required: ["points"]), SchemaShape(excluded: ["points"], required: ["item"])] }
}

extension ReverseRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["seq": Shared.seq, "reason": Shared.reason] }
}

extension TransferRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] {
        ["from": .accountKinds([.volunteer]), "to": .accountKinds([.volunteer]), "points": Shared.points, "note": .length(1...Limits.textBytes)]
    }
}

extension SettleRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["merchant": .accountKinds([.merchant])] }
}

extension EntryGetRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["seq": Shared.seq] }
}

extension InclusionProofRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["seq": Shared.seq, "size": Shared.treeSize] }
}

extension ConsistencyProofRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["from": Shared.treeSize, "to": Shared.treeSize] }
}

extension CheckpointGetRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["size": Shared.treeSize] }
}

extension RulesGetRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["version": Shared.seq] }
}

extension RulesPublishRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["ruleset": .length(1...Limits.ruleSetBytes)] }
}

extension StatementRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["volunteer": .accountKinds([.volunteer])] }
}

extension CertificateIssueRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["volunteer": .accountKinds([.volunteer])] }
}

extension MerchantReportQuery: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["merchant": .accountKinds([.merchant]), "month": Shared.month] }
}

extension ScopeReportQuery: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["month": Shared.month] }
}

extension QRImageRequest: SchemaConstraining {
    static var memberConstraints: [String: SchemaConstraint] { ["text": .length(1...maxBytes)] }
}
