public import JiazhouCore
import JiazhouRules
import JiazhouStorage

/// `rules.publish`: a new rule set, in force for every award after it.
public struct RulesPublishRequest: Codable, Sendable, Equatable {
    /// The YAML text, published exactly as given (its hash is over these bytes).
    public var ruleset: String
    public init(ruleset: String) { self.ruleset = ruleset }
}

public struct RulesPublishResult: Codable, Sendable, Equatable {
    public var seq: Int64
    public var version: Int64
    public var hash: String
}

/// `rules.get`: a published rule set, by default the one in force.
public struct RulesGetRequest: Codable, Sendable, Equatable {
    public var version: Int64?
    public init(version: Int64? = nil) { self.version = version }
}

public struct RulesGetResult: Codable, Sendable, Equatable {
    public var version: Int64
    public var hash: String
    /// The seq of the `rules.publish` entry.
    public var seq: Int64
    public var name: String
    /// The YAML text as published.
    public var ruleset: String
}

/// `rules.evaluate`: what `award` would give, written nowhere.
public struct RulesEvaluateResult: Codable, Sendable, Equatable {
    public var points: Int64
    public var minutes: Int64
    public var explanation: [JSONValue]
    public var rules: RuleSetRef
    /// When the points would become spendable, and expire.
    public var available: String
    public var expires: String?
}

/// Which rule set priced something.
public struct RuleSetRef: Codable, Sendable, Equatable {
    public var version: Int64
    public var hash: String
}

extension LedgerService {
    public func publishRules(_ request: RulesPublishRequest, actor: AccountID, key: String?) async throws(LedgerError) -> RulesPublishResult {
        try await enqueuePublishRules(request, actor: actor, key: key).value
    }

    /// Validates the whole rule set first: one that fails is refused with
    /// every problem and its line and column, and nothing is written.
    public func enqueuePublishRules(_ request: RulesPublishRequest, actor: AccountID, key: String?) -> Durable<RulesPublishResult> {
        let rules: RuleSet
        do { rules = try RuleSet(yaml: request.ruleset) } catch { return Durable(refused: error) }
        return write("rules.publish", actor: actor, key: key, params: request) { context in
            try Authorization(actor: actor, reader: context.reader).requireOperator("publish rules")
            if let current = try context.reader.currentRuleSetVersion(), rules.version <= current {
                throw LedgerError(.rules_invalid, "rule set v\(current) is in force; a new rule set needs a higher version than \(current), not \(rules.version)")
            }
            let seq = context.writer.head.size
            try Self.appendRuleSet(rules, context: &context)
            return RulesPublishResult(seq: seq, version: rules.version, hash: rules.hash.hex)
        }
    }

    /// Rule sets are public: every volunteer may read what their points follow.
    public func rules(_ request: RulesGetRequest) throws(LedgerError) -> RulesGetResult {
        try read { reader in
            guard let version = try request.version ?? reader.currentRuleSetVersion(), let stored = try reader.ruleSet(version: version) else {
                throw LedgerError(.unknown_entry, "rule set v\(request.version.map(String.init) ?? "?") was never published")
            }
            let rules = try ruleSet(version: version, reader: reader)
            return RulesGetResult(version: version, hash: stored.hash.hex, seq: stored.seq, name: rules.name, ruleset: stored.text)
        }
    }

    /// Prices an activity for a volunteer as `award` would now — the same
    /// facts, caps and budget — without writing. A coordinator may evaluate
    /// within its scope; a volunteer for itself.
    public func evaluate(_ request: AwardRequest, actor: AccountID) throws(LedgerError) -> RulesEvaluateResult {
        try request.activity.validate()
        return try read { reader in
            if actor != request.volunteer { try Authorization(actor: actor, reader: reader).requireAward(in: request.activity.scope) }
            let rules = try currentRuleSet(reader: reader)
            let priced = try PricedAward(request, rules: rules, reader: reader, time: clock.now())
            let pricing = priced.pricing
            return RulesEvaluateResult(
                points: pricing.points, minutes: pricing.minutes, explanation: pricing.explanation.map(\.json),
                rules: RuleSetRef(version: rules.version, hash: rules.hash.hex), available: pricing.available.rfc3339, expires: pricing.expires?.rfc3339)
        }
    }
}
