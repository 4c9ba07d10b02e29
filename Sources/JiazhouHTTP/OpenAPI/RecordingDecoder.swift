import JiazhouCore

/// The decoder behind ``SchemaRecorder``: one value, recorded into its node.
struct RecordingDecoder: ForwardedDecoder, IntegerDecodingContainer {
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
    func decodeInteger<I: FixedWidthInteger & Decodable>(_ type: I.Type) throws -> I { leaf(.integer(Schema.jsonIntegers), 1) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
}

/// An object's members, recorded as the type asks for them.
struct RecordingObject<Key: CodingKey>: MemberForwardingContainer {
    let node: SchemaRecorder.Node
    var codingPath: [any CodingKey] { [] }
    /// No request or result type has a dictionary (their free-form members are ``JSONValue``s).
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool {
        node.optional.insert(key.stringValue)
        return true
    }

    func member(_ key: Key) -> RecordingDecoder { RecordingDecoder(node: node.member(key.stringValue)) }

    func decodeNil(forKey key: Key) throws -> Bool {
        node.optional.insert(key.stringValue)
        return false
    }

    func superDecoder() throws -> any Decoder { RecordingDecoder(node: node) }
}

/// An array: one element is decoded, and describes them all.
struct RecordingArray: ElementForwardingContainer {
    let element: SchemaRecorder.Node
    var codingPath: [any CodingKey] { [] }
    private(set) var currentIndex = 0

    init(element: SchemaRecorder.Node) { self.element = element }

    var count: Int? { 1 }
    var isAtEnd: Bool { currentIndex >= 1 }

    mutating func nextElement() -> RecordingDecoder {
        currentIndex += 1
        return RecordingDecoder(node: element)
    }

    mutating func decodeNil() throws -> Bool { false }
}
