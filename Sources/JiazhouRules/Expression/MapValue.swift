/// A map value: keys in the order they were written (macros visit them in
/// that order). Facts are small records (a handful of fields), where a scan
/// of the keys beats hashing; a hash index is built only past
/// ``indexThreshold`` keys.
public struct MapValue: Sendable, Equatable {
    /// The keys, in the order they were inserted.
    public private(set) var keys: [MapKey] = []
    private var values: [Value] = []
    private var index: [MapKey: Int]?

    /// Maps up to this many keys are searched by scan, larger ones by hash.
    static let indexThreshold = 8

    /// An empty map.
    public init() {}

    /// A map of `pairs`, or `nil` if a key repeats.
    public init?(_ pairs: some Sequence<(MapKey, Value)>) {
        for (key, value) in pairs {
            guard insert(key, value) else { return nil }
        }
    }

    /// A record of fields the caller knows to be distinct, built without
    /// checking: the facts of every pricing are made this way.
    init(fields: [(String, Value)]) {
        keys = fields.map { .string($0.0) }
        values = fields.map(\.1)
        if keys.count > Self.indexThreshold { index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) }) }
    }

    /// Adds a key; `false` (and no change) if it is already there.
    @discardableResult
    public mutating func insert(_ key: MapKey, _ value: Value) -> Bool {
        guard position(of: key) == nil else { return false }
        keys.append(key)
        values.append(value)
        if index != nil {
            index![key] = keys.count - 1
        } else if keys.count > Self.indexThreshold {
            index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        }
        return true
    }

    private func position(of key: MapKey) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    /// The value under `key`, if any.
    public subscript(key: MapKey) -> Value? { position(of: key).map { values[$0] } }
    /// The value under the string key `field` (a record's field), if any.
    public subscript(field: String) -> Value? { self[.string(field)] }
    /// The number of keys.
    public var count: Int { keys.count }

    /// Equal key sets and equal values under each key; order does not matter.
    public static func == (a: MapValue, b: MapValue) -> Bool {
        a.count == b.count && zip(a.keys, a.values).allSatisfy { key, value in b[key].map { $0 == value } ?? false }
    }
}

extension String {
    /// Equality by code point (UTF-8 bytes), not Swift's canonical
    /// equivalence: CEL does not normalise (`"é" != "e\u{301}"`).
    @inline(__always)
    func hasSameScalars(as other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        var a = self, b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in
                // A plain loop: the generic elementsEqual was a tenth of a field lookup.
                for i in 0..<x.count where x[i] != y[i] { return false }
                return true
            }
        }
    }
}
