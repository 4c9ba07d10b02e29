import JiazhouCore
import Yams

/// Reads the YAML tree of a rule set, collecting every problem rather than
/// stopping at the first, so that an author fixes them all in one pass.
struct RuleSetReader {
    struct Parsed {
        var version: Int64
        var name: String
        var categories: [String: RuleSet.Category]
        var starHours: [Int64]
    }

    private static let topLevelKeys: Set<String> = ["version", "name", "timezone", "categories", "stars"]
    private static let categoryKeys: Set<String> = ["label", "points_per_hour"]

    var problems = RuleSetProblems()

    mutating func read(_ root: Node) -> Parsed? {
        guard let mapping = root.mapping else {
            problems.add("a rule set is a mapping with version, name and categories", at: root)
            return nil
        }
        checkKeys(mapping, allowed: Self.topLevelKeys, context: "the rule set")
        let version = integer(mapping["version"], "version", atLeast: 1, required: true, parent: root) ?? 0
        let name = mapping["name"]?.string ?? ""
        if name.isEmpty { problems.add("name: a rule set needs a name", at: mapping["name"] ?? root) }
        var categories: [String: RuleSet.Category] = [:]
        if let node = mapping["categories"], let cats = node.mapping, !cats.isEmpty {
            for (keyNode, value) in cats {
                guard let id = keyNode.string, Self.isCategoryID(id) else {
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
                let rate = integer(fields["points_per_hour"], "categories.\(id).points_per_hour", atLeast: 0, required: true, parent: value) ?? 0
                categories[id] = RuleSet.Category(id: id, label: label, pointsPerHour: rate)
            }
        } else {
            problems.add("categories: at least one category is needed", at: mapping["categories"] ?? root)
        }
        var starHours = RuleSet.defaultStarHours
        if let stars = mapping["stars"] {
            checkKeys(stars.mapping ?? [:], allowed: ["hours"], context: "stars")
            if let hours = stars.mapping?["hours"]?.sequence {
                starHours = hours.compactMap { integer($0, "stars.hours", atLeast: 1, required: true, parent: stars) }
                if starHours != starHours.sorted() || Set(starHours).count != starHours.count {
                    problems.add("stars.hours must be increasing", at: stars)
                }
            } else {
                problems.add("stars.hours: expected a list of hours, e.g. [100, 300, 600, 1000, 1500]", at: stars)
            }
        }
        return Parsed(version: version, name: name, categories: categories, starHours: starHours)
    }

    static func isCategoryID(_ id: String) -> Bool {
        (1...32).contains(id.utf8.count)
            && id.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") }
    }

    private mutating func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, context: String) {
        for key in mapping.keys {
            guard let name = key.string else { continue }
            if !allowed.contains(name) {
                problems.add("\(context): unknown key \"\(name)\" (known: \(allowed.sorted().joined(separator: ", ")))", at: key)
            }
        }
    }

    private mutating func integer(_ node: Node?, _ what: String, atLeast minimum: Int64, required: Bool, parent: Node) -> Int64? {
        guard let node else {
            if required { problems.add("\(what) is missing", at: parent) }
            return nil
        }
        guard let scalar = node.scalar, let value = Int64(scalar.string), value >= minimum, value <= Int64(Limits.maxSafeInteger) else {
            problems.add("\(what) must be a whole number ≥ \(minimum)", at: node)
            return nil
        }
        return value
    }
}
