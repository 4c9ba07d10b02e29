/// A JSON value restricted to what the ledger's canonical form can carry
/// (RFC 8785 for our value types): no fractions, no exponents.
///
/// Objects are kept as dictionaries; order is imposed only when encoding,
/// by ``CanonicalJSON``, so two values that differ only in member order are
/// equal.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// A number that is not an integer within ±2^53, kept as its exact text.
    /// Only a parser asked to keep such numbers makes one (a JSON-RPC `id` must be
    /// echoed exactly); it is never part of an entry, and ``containsNumberText``
    /// lets a transport refuse it everywhere else.
    case numberText(String)
}

extension JSONValue {
    /// The member named `key` when this is an object, else `nil`.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var integerValue: Int64? {
        if case .integer(let n) = self { return n }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The JSON type's name, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .integer: "integer"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        case .numberText: "number"
        }
    }

    /// Whether a ``numberText`` occurs anywhere inside.
    public var containsNumberText: Bool {
        switch self {
        case .numberText: true
        case .array(let items): items.contains { $0.containsNumberText }
        case .object(let members): members.values.contains { $0.containsNumberText }
        default: false
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
