import JiazhouCore

/// A request type that states, for `/openapi.json`, what its validation
/// enforces beyond its members' types: so that a request the document
/// calls valid is one the service takes, and one it calls invalid is
/// refused. The members are still learnt from `Decodable`; this only
/// narrows them, by their JSON names, with the constants the validation
/// itself uses (``Limits``, ``Scope/maxDepth``, …).
protocol SchemaConstraining {
    /// Each constrained member's bounds, by JSON name.
    static var memberConstraints: [String: SchemaConstraint] { get }
    /// When the service takes different members by an account's kind (a
    /// budget only for issuers): the shapes, one of which a request takes.
    static var shapes: [SchemaShape] { get }
}

extension SchemaConstraining {
    static var shapes: [SchemaShape] { [] }
}

/// One bound on one member.
indirect enum SchemaConstraint: Sendable {
    /// An integer from…to.
    case range(ClosedRange<Int64>)
    /// A string of this many characters (see ``Schema/string(format:pattern:length:)``).
    case length(ClosedRange<Int>)
    /// A string matching this (unanchored, as JSON Schema's `pattern`).
    case pattern(String)
    /// An account id of one of these kinds.
    case accountKinds([AccountID.Kind])
    /// An array of this many elements.
    case count(ClosedRange<Int>)
    /// An array of distinct elements.
    case unique
    /// A bound on each element of an array.
    case each(SchemaConstraint)
    /// An object whose optional members `members` are given after all.
    case requiring(Set<String>)
    /// An object without the members `members`.
    case excluding(Set<String>)
    /// Any JSON object (a free-form member such as a profile).
    case anyObject
    case all([SchemaConstraint])

    func applied(to schema: Schema) -> Schema {
        switch (self, schema) {
        case (.range(let range), .integer): return .integer(range)
        case (.length(let length), .string(let format, let pattern, _)): return .string(format: format, pattern: pattern, length: length)
        case (.pattern(let pattern), .string(let format, _, let length)): return .string(format: format, pattern: pattern, length: length)
        case (.accountKinds(let kinds), .string): return DomainPatterns.accountID(kinds: kinds)
        case (.count(let count), .array(let element, _, let unique)): return .array(element, count: count, unique: unique)
        case (.unique, .array(let element, let count, _)): return .array(element, count: count, unique: true)
        case (.each(let constraint), .array(let element, let count, let unique)): return .array(constraint.applied(to: element), count: count, unique: unique)
        case (.requiring(let members), .object(let properties)):
            return .object(properties.map { Schema.Property(name: $0.name, schema: $0.schema, required: $0.required || members.contains($0.name)) })
        case (.excluding(let members), .object(let properties)): return .object(properties.filter { !members.contains($0.name) })
        case (.anyObject, .any): return .anyObject
        case (.all(let constraints), _): return constraints.reduce(schema) { $1.applied(to: $0) }
        default: preconditionFailure("\(self) does not apply to \(schema)")
        }
    }
}

/// One shape of a request whose members depend on one another (a budget
/// only for an issuer): members narrowed further, members not taken, and
/// members that must be given.
struct SchemaShape: Sendable {
    var narrowed: [String: SchemaConstraint] = [:]
    var excluded: Set<String> = []
    var required: Set<String> = []

    /// The shape of an account id member of one of `kinds`.
    static func account(_ member: String, _ kinds: [AccountID.Kind], excluded: Set<String> = [], required: Set<String> = []) -> SchemaShape {
        SchemaShape(narrowed: [member: .accountKinds(kinds)], excluded: excluded, required: required)
    }

    func applied(to properties: [Schema.Property]) -> Schema {
        .object(
            properties.filter { !excluded.contains($0.name) }.map { property in
                var property = property
                if let constraint = narrowed[property.name] { property.schema = constraint.applied(to: property.schema) }
                if required.contains(property.name) { property.required = true }
                return property
            })
    }
}
