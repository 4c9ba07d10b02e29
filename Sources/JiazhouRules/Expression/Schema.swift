public import JiazhouCore

/// The declared environment of expressions: each variable's name and type.
///
/// The rule sets declare `activity`, `volunteer`, `category`, `calendar`, …;
/// `jiazhou rules expr` without a schema infers one from the facts given
/// (``inferred(from:)``).
///
/// ```swift
/// let schema = Schema(["activity": .record("activity", ["minutes": .int, "start": .timestamp])])
/// let bindings = try schema.bindings(from: try JSONParser.parse(#"{"activity": {"minutes": 90, "start": "2026-11-23T08:30:00+08:00"}}"#))
/// ```
public struct Schema: Sendable {
    /// Each variable's declared type, by name.
    public let variables: [String: ValueType]

    /// A schema declaring these variables.
    public init(_ variables: [String: ValueType]) {
        self.variables = variables
    }

    /// A schema whose variables are the members of a JSON object, typed by
    /// their values: objects become records, arrays lists (of `dyn` when
    /// mixed or empty). Strings stay strings even when they look like times:
    /// only a declared schema makes a timestamp.
    public static func inferred(from facts: JSONValue) -> Schema {
        Schema((facts.objectValue ?? [:]).reduce(into: [:]) { $0[$1.key] = inferType($1.value, name: $1.key) })
    }

    private static func inferType(_ json: JSONValue, name: String) -> ValueType {
        switch json {
        case .null: .null
        case .bool: .bool
        case .integer: .int
        case .string: .string
        case .numberText: .dyn
        case .array(let items): .list(ValueType.join(items.map { inferType($0, name: name + "[]") }))
        case .object(let members):
            .record(name, members.reduce(into: [:]) { $0[$1.key] = inferType($1.value, name: "\(name).\($1.key)") })
        }
    }

    /// The values of the variables in `facts`, a JSON object, read by their
    /// declared types: a timestamp field is parsed from RFC 3339 text, a
    /// record keeps its declared fields (others are dropped: no expression
    /// can name them), a variable or field that is absent stays unbound.
    public func bindings(from facts: JSONValue) throws(Expression.Error) -> Bindings {
        guard let members = facts.objectValue else {
            throw Expression.Error(stage: .facts, message: "facts are a JSON object of variables, not \(facts.typeName)", offset: nil)
        }
        var values: [String: Value] = [:]
        for (name, json) in members {
            guard let type = variables[name] else { continue }
            values[name] = try Self.convert(json, to: type, path: name)
        }
        return Bindings(values)
    }

    static func convert(_ json: JSONValue, to type: ValueType, path: String) throws(Expression.Error) -> Value {
        func refuse(_ expected: String) -> Expression.Error {
            Expression.Error(stage: .facts, message: "\(path): expected \(expected), found \(json.typeName)", offset: nil)
        }
        switch (type, json) {
        case (.dyn, _): return try natural(json, path: path)
        case (.null, .null): return .null
        case (.bool, .bool(let b)): return .bool(b)
        case (.int, .integer(let n)): return .int(n)
        case (.string, .string(let s)): return .string(s)
        case (.timestamp, .string(let s)):
            guard let instant = Instant(rfc3339: s) else {
                throw Expression.Error(stage: .facts, message: "\(path): \"\(s)\" is not an RFC 3339 time like 2026-11-23T08:30:00+08:00", offset: nil)
            }
            return .timestamp(instant)
        case (.list(let element), .array(let items)):
            var values: [Value] = []
            for (i, item) in items.enumerated() { values.append(try convert(item, to: element, path: "\(path)[\(i)]")) }
            return .list(values)
        case (.map(let key, let value), .object(let members)):
            var map = MapValue()
            for name in members.keys.sorted() {
                let mapKey: MapKey
                switch key {
                case .int:
                    guard let n = Int64(name) else { throw refuse("an object whose keys are ints") }
                    mapKey = .int(n)
                default: mapKey = .string(name)
                }
                map.insert(mapKey, try convert(members[name]!, to: value, path: "\(path).\(name)"))
            }
            return .map(map)
        case (.record(let record), .object(let members)):
            var map = MapValue()
            for name in members.keys.sorted() {
                guard let fieldType = record.fields[name] else { continue }
                map.insert(.string(name), try convert(members[name]!, to: fieldType, path: "\(path).\(name)"))
            }
            return .map(map)
        default:
            throw refuse(type == .timestamp ? "an RFC 3339 time text" : "\(type)")
        }
    }

    /// A JSON value as the language's value of the same shape.
    static func natural(_ json: JSONValue, path: String) throws(Expression.Error) -> Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .integer(let n): return .int(n)
        case .string(let s): return .string(s)
        case .numberText(let text):
            throw Expression.Error(stage: .facts, message: "\(path): \(text) is not an int (this subset has no fractions)", offset: nil)
        case .array(let items):
            var values: [Value] = []
            for (i, item) in items.enumerated() { values.append(try natural(item, path: "\(path)[\(i)]")) }
            return .list(values)
        case .object(let members):
            var map = MapValue()
            for name in members.keys.sorted() { map.insert(.string(name), try natural(members[name]!, path: "\(path).\(name)")) }
            return .map(map)
        }
    }
}
