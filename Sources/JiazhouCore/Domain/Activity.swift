/// One piece of volunteer service to be priced: what, how long, when, where.
///
/// `{id, category, minutes, start, scope, tags, title?}` (PROTOCOL.md).
/// `start` keeps the local offset it was given with, because weekend and
/// night rules are about local time.
public struct Activity: Sendable, Hashable, Codable {
    public var id: String
    public var category: String
    /// Minutes of service claimed for each participant.
    public var minutes: Int64
    /// RFC 3339 with offset, as given.
    public var start: String
    /// The issuing scope: its issuer pays.
    public var scope: Scope
    public var tags: [String]
    /// What a person calls it (活动名称: 重阳节敬老探访): printed on the
    /// volunteer's service certificate, which the volunteer-record rules
    /// (民发〔2015〕149号) ask to say what was served. Not a pricing fact.
    public var title: String?

    public init(id: String, category: String, minutes: Int64, start: String, scope: Scope, tags: [String] = [], title: String? = nil) {
        self.id = id
        self.category = category
        self.minutes = minutes
        self.start = start
        self.scope = scope
        self.tags = tags
        self.title = title
    }

    enum CodingKeys: String, CodingKey { case id, category, minutes, start, scope, tags, title }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), category: try c.decode(String.self, forKey: .category),
            minutes: try c.decode(Int64.self, forKey: .minutes), start: try c.decode(String.self, forKey: .start),
            scope: try c.decode(Scope.self, forKey: .scope), tags: try c.decodeIfPresent([String].self, forKey: .tags) ?? [],
            title: try c.decodeIfPresent(String.self, forKey: .title))
    }

    /// Longest id, in bytes.
    public static let maxIDBytes = 128
    /// Longest tag (of an activity or an account), in bytes.
    public static let maxTagBytes = 64

    /// Checks every field; says which is wrong and how.
    public func validate() throws(LedgerError) {
        guard (1...Self.maxIDBytes).contains(id.utf8.count), !id.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw LedgerError(.invalid_request, "activity.id must be 1–\(Self.maxIDBytes) bytes of text")
        }
        guard (1...Limits.minutesPerActivity).contains(minutes) else {
            throw LedgerError(.invalid_request, "activity.minutes must be from 1 to \(Limits.minutesPerActivity), not \(minutes)")
        }
        guard startTime != nil else {
            throw LedgerError(.invalid_request, "activity.start \"\(start.prefix(40))\" is not an RFC 3339 time like 2026-11-23T08:30:00+08:00")
        }
        try Self.validateTags(tags, what: "activity.tags")
        if let title {
            guard (1...Limits.activityTitleBytes).contains(title.utf8.count), !title.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                throw LedgerError(.invalid_request, "activity.title must be 1–\(Limits.activityTitleBytes) bytes of text on one line")
            }
        }
    }

    /// The start as an instant.
    public var startTime: Timestamp? { Timestamp(rfc3339: start) }

    static func validateTags(_ tags: [String], what: String) throws(LedgerError) {
        guard tags.count <= Limits.tags, tags.allSatisfy({ (1...maxTagBytes).contains($0.utf8.count) }) else {
            throw LedgerError(.invalid_request, "\(what): at most \(Limits.tags) tags of 1–\(maxTagBytes) bytes each")
        }
    }

    /// The activity as recorded in an award's data.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(id), "category": .string(category), "minutes": .integer(minutes), "start": .string(start),
            "scope": .string(scope.path), "tags": .array(tags.map(JSONValue.string)),
        ]
        if let title { members["title"] = .string(title) }
        return .object(members)
    }

    /// Reads the activity back from an award's data.
    public init(json: JSONValue) throws(LedgerError) {
        guard let id = json["id"]?.stringValue, let category = json["category"]?.stringValue, let minutes = json["minutes"]?.integerValue,
            let start = json["start"]?.stringValue, let scope = json["scope"]?.stringValue, let tags = json["tags"]?.arrayValue
        else { throw LedgerError(.ledger_invalid, "award data has no complete activity") }
        self.init(
            id: id, category: category, minutes: minutes, start: start, scope: try Scope(scope), tags: tags.compactMap(\.stringValue),
            title: json["title"]?.stringValue)
    }
}

extension Account {
    /// Validates account tags.
    public static func validateTags(_ tags: [String]) throws(LedgerError) {
        try Activity.validateTags(tags, what: "tags")
    }
}
