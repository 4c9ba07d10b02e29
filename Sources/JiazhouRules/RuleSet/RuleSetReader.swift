import JiazhouCore
import Yams

/// Reads the YAML tree of a rule set, collecting every problem rather than
/// stopping at the first, so that an author fixes them all in one pass.
struct RuleSetReader {
    static let topLevelKeys: Set<String> = [
        "version", "name", "timezone", "categories", "rules", "caps", "budgets", "pending_days", "expiry_months", "redemption",
        "transfer", "holidays", "stars",
    ]
    private static let categoryKeys: Set<String> = ["label", "points_per_hour"]
    /// Most bonus rules a rule set may have: each one runs for every award.
    static let maxRules = 64

    var problems = RuleSetProblems()

    mutating func read(_ root: Node) -> RuleSet? {
        guard let mapping = root.mapping else {
            problems.add("a rule set is a mapping with version, name and categories", at: root)
            return nil
        }
        checkKeys(mapping, allowed: Self.topLevelKeys, context: "the rule set")
        let version = integer(mapping["version"], "version", atLeast: 1, required: true, parent: root) ?? 0
        let name = mapping["name"]?.string ?? ""
        if name.isEmpty { problems.add("name: a rule set needs a name", at: mapping["name"] ?? root) }
        let timezone = mapping["timezone"]?.string ?? "Asia/Shanghai"
        let offset = TimeZoneOffset.seconds(timezone)
        if offset == nil { problems.add("timezone: \(TimeZoneOffset.refusal(timezone))", at: mapping["timezone"]) }
        var rules = RuleSet(parsed: version, name: name, timezone: timezone, utcOffsetSeconds: offset ?? 0, categories: readCategories(mapping, root))
        if let node = mapping["rules"] { rules.earnRules = readEarnRules(node, categories: rules.categories) }
        if let node = mapping["caps"] { rules.caps = readCaps(node) }
        if let node = mapping["budgets"] { rules.budgets = readBudgets(node) }
        rules.pendingDays = integer(mapping["pending_days"], "pending_days", atLeast: 0, atMost: 366, required: false, parent: root) ?? 0
        rules.expiryMonths = integer(mapping["expiry_months"], "expiry_months", atLeast: 1, atMost: 1200, required: false, parent: root)
        if let node = mapping["redemption"] { rules.redemption = readRedemption(node) }
        if let node = mapping["transfer"] { rules.transfer = readTransfer(node) }
        if let node = mapping["holidays"] { rules.holidays = readHolidays(node) }
        if let node = mapping["stars"] { rules.starHours = readStars(node) }
        return rules
    }

    private mutating func readCategories(_ mapping: Node.Mapping, _ root: Node) -> [String: RuleSet.Category] {
        guard let node = mapping["categories"], let cats = node.mapping, !cats.isEmpty else {
            problems.add("categories: at least one category is needed", at: mapping["categories"] ?? root)
            return [:]
        }
        var categories: [String: RuleSet.Category] = [:]
        for (keyNode, value) in cats {
            guard let id = keyNode.string, Self.isIdentifier(id) else {
                problems.add("category ids are lowercase a-z, 0-9 and '_'", at: keyNode)
                continue
            }
            guard let fields = value.mapping else {
                problems.add("categories.\(id): expected label and points_per_hour", at: value)
                continue
            }
            checkKeys(fields, allowed: Self.categoryKeys, context: "categories.\(id)")
            let label = fields["label"]?.string ?? ""
            if label.isEmpty { problems.add("categories.\(id).label: a category needs a label", at: value) }
            let rate = integer(fields["points_per_hour"], "categories.\(id).points_per_hour", atLeast: 0, atMost: 10_000, required: true, parent: value) ?? 0
            categories[id] = RuleSet.Category(id: id, label: label, pointsPerHour: rate)
        }
        return categories
    }

    private mutating func readStars(_ stars: Node) -> [Int64] {
        checkKeys(stars.mapping ?? [:], allowed: ["hours"], context: "stars")
        guard let hours = stars.mapping?["hours"]?.sequence else {
            problems.add("stars.hours: expected a list of hours, e.g. [100, 300, 600, 1000, 1500]", at: stars)
            return RuleSet.defaultStarHours
        }
        let starHours = hours.compactMap { integer($0, "stars.hours", atLeast: 1, atMost: 1_000_000, required: true, parent: stars) }
        if starHours != starHours.sorted() || Set(starHours).count != starHours.count {
            problems.add("stars.hours must be increasing", at: stars)
        }
        return starHours
    }

    /// Lowercase a-z, 0-9 and '_', 1–32 bytes: category and rule ids.
    static func isIdentifier(_ id: String) -> Bool {
        (1...32).contains(id.utf8.count)
            && id.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") }
    }

    mutating func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, context: String) {
        for key in mapping.keys {
            guard let name = key.string else { continue }
            if !allowed.contains(name) {
                problems.add("\(context): unknown key \"\(name)\" (known: \(allowed.sorted().joined(separator: ", ")))", at: key)
            }
        }
    }

    mutating func integer(_ node: Node?, _ what: String, atLeast minimum: Int64, atMost maximum: Int64 = Int64(Limits.maxSafeInteger), required: Bool, parent: Node) -> Int64? {
        guard let node else {
            if required { problems.add("\(what) is missing", at: parent) }
            return nil
        }
        guard let scalar = node.scalar, let value = Int64(scalar.string), value >= minimum, value <= maximum else {
            problems.add("\(what) must be a whole number from \(minimum) to \(maximum), not \(node.scalar.map { "\"\($0.string)\"" } ?? "a \(node.kindName)")", at: node)
            return nil
        }
        return value
    }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar: "scalar"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}
