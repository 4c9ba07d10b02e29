/// A key of a map: an int or a string (this subset's map keys).
public enum MapKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    case int(Int64)
    case string(String)

    /// The key a value makes, if it is an int or a string.
    public init?(_ value: Value) {
        switch value {
        case .int(let n): self = .int(n)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    /// The key as a value.
    public var value: Value {
        switch self {
        case .int(let n): .int(n)
        case .string(let s): .string(s)
        }
    }

    // By code point, not by canonical equivalence (see ``Value``).
    public static func == (a: MapKey, b: MapKey) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): x == y
        case (.string(let x), .string(let y)): x.hasSameScalars(as: y)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .int(let n):
            hasher.combine(0 as UInt8)
            hasher.combine(n)
        case .string(let s):
            hasher.combine(1 as UInt8)
            var s = s
            s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// Ints first, then strings by code point: the order maps are printed in.
    public static func < (a: MapKey, b: MapKey) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): x < y
        case (.int, .string): true
        case (.string, .int): false
        case (.string(let x), .string(let y)): x.utf8.lexicographicallyPrecedes(y.utf8)
        }
    }

    public var description: String { value.description }
}
