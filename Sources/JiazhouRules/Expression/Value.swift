/// A value of the expression language: CEL's int, string, bool, null, list,
/// map and timestamp — nothing else (no double, uint, bytes, duration or type
/// values in this subset).
///
/// Equality is CEL's heterogeneous equality: values of different types are
/// unequal (never an error), lists compare element by element, maps by their
/// key sets and the values under each key. Strings compare by code point with
/// no Unicode normalisation (`"é" != "e\u{301}"`), which Swift's `String ==`
/// would not give, so equality is written out here.
public enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case list([Value])
    case map(MapValue)
    case timestamp(Instant)

    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.string(let x), .string(let y)): x.hasSameScalars(as: y)
        case (.list(let x), .list(let y)): x.count == y.count && zip(x, y).allSatisfy { $0 == $1 }
        case (.map(let x), .map(let y)): x == y
        case (.timestamp(let x), .timestamp(let y)): x == y
        default: false
        }
    }

    /// The CEL name of this value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int: "int"
        case .string: "string"
        case .list: "list"
        case .map: "map"
        case .timestamp: "timestamp"
        }
    }
}
