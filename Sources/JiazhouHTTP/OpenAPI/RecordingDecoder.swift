import JiazhouCore

/// The decoder behind ``SchemaRecorder``: one value, recorded into its node.
struct RecordingDecoder: Decoder, SingleValueDecodingContainer {
    let node: SchemaRecorder.Node
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        node.kind = .object
        return KeyedDecodingContainer(RecordingObject<Key>(node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        node.kind = .array
        let element = node.element ?? SchemaRecorder.Node()
        node.element = element
        return RecordingArray(element: element)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if let known = SchemaRecorder.known(T.self), let placeholder = known.placeholder as? T {
            node.kind = .leaf(known.schema)
            return placeholder
        }
        if let cases = SchemaRecorder.stringCases(T.self) {
            node.kind = .leaf(.enumeration(cases.compactMap { ($0 as? any RawRepresentable)?.rawValue as? String }))
            return cases[0]
        }
        let value = try T(from: self)
        if let constraining = T.self as? any SchemaConstraining.Type { node.constraining = constraining }
        return value
    }

    private func leaf<T>(_ schema: Schema, _ placeholder: T) -> T {
        node.kind = .leaf(schema)
        return placeholder
    }

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { leaf(.boolean, false) }
    func decode(_ type: String.Type) throws -> String { leaf(.string(), "x") }
    func decode(_ type: Double.Type) throws -> Double { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode(_ type: Float.Type) throws -> Float { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode(_ type: Int.Type) throws -> Int { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode(_ type: Int8.Type) throws -> Int8 { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode(_ type: Int16.Type) throws -> Int16 { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode(_ type: Int32.Type) throws -> Int32 { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode(_ type: Int64.Type) throws -> Int64 { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode(_ type: UInt.Type) throws -> UInt { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
}

/// An object's members, recorded as the type asks for them.
struct RecordingObject<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: SchemaRecorder.Node
    var codingPath: [any CodingKey] { [] }
    /// No request or result type has a dictionary (their free-form members are ``JSONValue``s).
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool {
        node.optional.insert(key.stringValue)
        return true
    }

    private func child(_ key: Key) -> RecordingDecoder { RecordingDecoder(node: node.member(key.stringValue)) }

    func decodeNil(forKey key: Key) throws -> Bool {
        node.optional.insert(key.stringValue)
        return false
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try child(key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder { RecordingDecoder(node: node) }
    func superDecoder(forKey key: Key) throws -> any Decoder { child(key) }
}

/// An array: one element is decoded, and describes them all.
struct RecordingArray: UnkeyedDecodingContainer {
    let element: SchemaRecorder.Node
    var codingPath: [any CodingKey] { [] }
    private(set) var currentIndex = 0

    init(element: SchemaRecorder.Node) { self.element = element }

    var count: Int? { 1 }
    var isAtEnd: Bool { currentIndex >= 1 }

    private mutating func next() -> RecordingDecoder {
        currentIndex += 1
        return RecordingDecoder(node: element)
    }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next().decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next().decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().decode(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { next() }
}
