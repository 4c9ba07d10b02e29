public import JiazhouCore
import Yams

/// A published rule set: how many points an activity is worth.
///
/// Parsed from YAML and validated as a whole; every award records the
/// version and hash of the rule set that priced it, so that it can be
/// re-priced from the chain alone.
///
/// ```swift
/// let rules = try RuleSet(yaml: DefaultRuleSet.text)
/// let priced = try rules.price(activity)   // points, minutes, explanation
/// ```
public struct RuleSet: Sendable, Equatable {
    public struct Category: Sendable, Equatable {
        public var id: String
        public var label: String
        public var pointsPerHour: Int64
    }

    public var version: Int64
    public var name: String
    public var categories: [String: Category]
    /// Cumulative counted service hours for 1★, 2★, … in increasing order.
    public var starHours: [Int64]
    /// SHA-256 of the YAML text exactly as published.
    public var hash: Hash
    /// The YAML text exactly as published.
    public var text: String

    public static let defaultStarHours: [Int64] = [100, 300, 600, 1000, 1500]

    /// Parses and validates a rule set. Every problem is reported, with its
    /// position where YAML gives one.
    public init(yaml text: String) throws(LedgerError) {
        guard text.utf8.count <= Limits.ruleSetBytes else {
            throw LedgerError(.too_large, "the rule set is \(text.utf8.count) bytes; the limit is \(Limits.ruleSetBytes)")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw LedgerError(.rules_invalid, "the rule set is empty") }
            root = node
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.rules_invalid, "the rule set is not valid YAML: \(error)")
        }
        var reader = RuleSetReader()
        let parsed = reader.read(root)
        let problems = reader.problems
        guard problems.list.isEmpty, let parsed else {
            throw LedgerError(.rules_invalid, "the rule set has \(problems.list.count) problem(s): " + problems.list.joined(separator: "; "))
        }
        version = parsed.version
        name = parsed.name
        categories = parsed.categories
        starHours = parsed.starHours
        hash = TreeHasher.sha256(Array(text.utf8))
        self.text = text
    }

    /// Star level (0–5) for counted service minutes.
    public func stars(minutes: Int64) -> Int {
        starHours.filter { $0 * 60 <= minutes }.count
    }
}

/// Problems found while reading a rule set, each with its line and column.
struct RuleSetProblems {
    var list: [String] = []

    mutating func add(_ message: String, at node: Node?) {
        if let mark = node?.mark {
            list.append("line \(mark.line), column \(mark.column): \(message)")
        } else {
            list.append(message)
        }
    }
}
