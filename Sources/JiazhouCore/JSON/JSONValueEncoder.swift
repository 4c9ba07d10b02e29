/// Encodes any `Encodable` straight into a ``JSONValue``, without going
/// through text: the service hashes every request's params and stores every
/// write's result, and Foundation's `JSONEncoder` plus a re-parse cost more
/// than the rest of an award.
///
/// Integers must fit in Int64 and within ±2^53; floating-point values are
/// refused, as everywhere in the ledger. Optionals that are `nil` are
/// omitted, as `JSONEncoder` omits them.
public struct JSONValueEncoder {
    public init() {}

    public func encode(_ value: some Encodable) throws -> JSONValue {
        let encoder = ValueEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.storage.resolved
    }
}

/// A slot that an encoder writes into; containers nest these.
private final class Slot {
    var value: JSONValue?
    var members: [String: Slot] = [:]
    var items: [Slot] = []
    enum Shape { case unset, object, array }
    var shape = Shape.unset

    /// The value, with nested containers folded in.
    var resolved: JSONValue {
        switch shape {
        case .unset: value ?? .null
        case .object: .object(members.compactMapValues { $0.shape == .unset && $0.value == nil ? nil : $0.resolved })
        case .array: .array(items.map(\.resolved))
        }
    }
}

private struct EncodingFailure: Error, CustomStringConvertible {
    var description: String
}

private final class ValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let storage: Slot

    init(codingPath: [any CodingKey], slot: Slot = Slot()) {
        self.codingPath = codingPath
        self.storage = slot
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        storage.shape = .object
        return KeyedEncodingContainer(KeyedContainer<Key>(slot: storage, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        storage.shape = .array
        return UnkeyedContainer(slot: storage, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(slot: storage, codingPath: codingPath) }
}

private func scalar(_ value: some Encodable, path: [any CodingKey]) throws -> JSONValue {
    switch value {
    case let v as String: return .string(v)
    case let v as Bool: return .bool(v)
    case let v as Int64: return try integer(v, path)
    case let v as Int: return try integer(Int64(v), path)
    case let v as Int32: return .integer(Int64(v))
    case let v as UInt32: return .integer(Int64(v))
    case is Double, is Float: throw EncodingFailure(description: "\(path.map(\.stringValue).joined(separator: ".")): only integers are allowed")
    default:
        let encoder = ValueEncoder(codingPath: path)
        try value.encode(to: encoder)
        return encoder.storage.resolved
    }
}

private func integer(_ v: Int64, _ path: [any CodingKey]) throws -> JSONValue {
    guard v.magnitude <= Limits.maxSafeInteger else {
        throw EncodingFailure(description: "\(path.map(\.stringValue).joined(separator: ".")): \(v) is beyond ±2^53")
    }
    return .integer(v)
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { child(key).value = .null }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        let value = try scalar(value, path: codingPath + [key])
        child(key).value = value
    }
    mutating func encodeIfPresent(_ value: (some Encodable)?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    private func child(_ key: Key) -> Slot {
        let slot = Slot()
        self.slot.members[key.stringValue] = slot
        return slot
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let slot = child(key)
        slot.shape = .object
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(slot: slot, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let slot = child(key)
        slot.shape = .array
        return UnkeyedContainer(slot: slot, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(codingPath: codingPath, slot: slot) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { ValueEncoder(codingPath: codingPath + [key], slot: child(key)) }
}

private struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ index: Int) {
        stringValue = String(index)
        intValue = index
    }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.init(intValue) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int { slot.items.count }

    private func next() -> Slot {
        let child = Slot()
        slot.items.append(child)
        return child
    }

    mutating func encodeNil() throws { next().value = .null }
    mutating func encode(_ value: some Encodable) throws {
        let value = try scalar(value, path: codingPath + [IndexKey(count)])
        next().value = value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [IndexKey(count)]
        let child = next()
        child.shape = .object
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(slot: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [IndexKey(count)]
        let child = next()
        child.shape = .array
        return UnkeyedContainer(slot: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(codingPath: codingPath + [IndexKey(count)], slot: next()) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.value = .null }
    mutating func encode(_ value: some Encodable) throws { slot.value = try scalar(value, path: codingPath) }
}
