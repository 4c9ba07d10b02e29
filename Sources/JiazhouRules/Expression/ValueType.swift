/// A type of the expression language, as the checker sees it.
///
/// `dyn` is CEL's "known only when evaluated": it unifies with every type, and
/// the evaluator checks the value when it gets it. A record is a JSON object
/// with declared fields (a fact such as `activity`); at run time it is a map
/// with string keys.
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case int, string, bool, null, timestamp, dyn
    case list(ValueType)
    case map(key: ValueType, value: ValueType)
    case record(Record)

    /// An object with named, typed fields.
    public struct Record: Sendable, Hashable {
        /// Names the record in messages (`no field 'x' in activity`).
        public let name: String
        /// Each field's type, by name.
        public let fields: [String: ValueType]

        /// A record type named `name` with these fields.
        public init(name: String, fields: [String: ValueType]) {
            self.name = name
            self.fields = fields
        }
    }

    /// A record type: `.record("volunteer", ["age": .int, "tags": .list(.string)])`.
    public static func record(_ name: String, _ fields: [String: ValueType]) -> ValueType {
        .record(Record(name: name, fields: fields))
    }

    public var description: String {
        switch self {
        case .int: "int"
        case .string: "string"
        case .bool: "bool"
        case .null: "null"
        case .timestamp: "timestamp"
        case .dyn: "dyn"
        case .list(let element): "list(\(element))"
        case .map(let key, let value): "map(\(key), \(value))"
        case .record(let record): record.name
        }
    }

    /// The type both `self` and `other` fit, or `nil` if they cannot be the
    /// same value (CEL's type unification, with `dyn` as a wildcard). Two
    /// sides of `==`, two branches of `?:`, an element and a list's elements
    /// must unify.
    public func unified(with other: ValueType) -> ValueType? {
        if self == other { return self }
        switch (self, other) {
        case (.dyn, _), (_, .dyn):
            return .dyn
        case (.list(let a), .list(let b)):
            return a.unified(with: b).map(ValueType.list)
        case (.map(let k1, let v1), .map(let k2, let v2)):
            guard let k = k1.unified(with: k2), let v = v1.unified(with: v2) else { return nil }
            return .map(key: k, value: v)
        case (.record, .map(let k, _)), (.map(let k, _), .record):
            return k.unified(with: .string) == nil ? nil : .map(key: .string, value: .dyn)
        default:
            return nil
        }
    }

    /// The element type of a list literal: the common type, or `dyn` for a
    /// mixed list (CEL allows `[1, "a"]`).
    static func join(_ types: some Sequence<ValueType>) -> ValueType {
        var result: ValueType?
        for t in types {
            result = result.map { $0.unified(with: t) ?? .dyn } ?? t
        }
        return result ?? .dyn
    }

    /// Whether a value of this type may be of `type` when evaluated.
    func admits(_ type: ValueType) -> Bool { self == .dyn || self == type }

    /// The type of a value (for literals).
    init(of value: Value) {
        switch value {
        case .null: self = .null
        case .bool: self = .bool
        case .int: self = .int
        case .string: self = .string
        case .timestamp: self = .timestamp
        case .list(let items): self = .list(Self.join(items.map(ValueType.init(of:))))
        case .map(let m):
            self = .map(key: Self.join(m.keys.map { ValueType(of: $0.value) }), value: Self.join(m.keys.map { ValueType(of: m[$0]!) }))
        }
    }
}
