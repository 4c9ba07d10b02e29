/// The `Decoder` behind ``JSONValueDecoder``: one JSON value at one path. It is
/// also that value's single-value container.
struct ValueDecoder: ForwardedDecoder, IntegerDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let log: JSONValueDecoder.Log
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var path: String { log.render(codingPath) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch("an object") }
        log.register(path, keys: members.keys)
        return KeyedDecodingContainer(ObjectContainer<Key>(members: members, codingPath: codingPath, log: log))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch("an array") }
        return ArrayContainer(items: items, codingPath: codingPath, log: log)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// Decodes `T` here; a ledger refusal thrown by `T`'s own decoding (an
    /// id or a scope that does not parse) gets this path in its message.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        do { return try T(from: self) } catch let error as LedgerError {
            throw JSONValueDecoder.FieldError(message: "\(path): \(error.message)")
        }
    }

    func mismatch(_ expected: String) -> JSONValueDecoder.FieldError {
        if case .numberText(let text) = value {
            return JSONValueDecoder.FieldError(message: "\(path) must be \(expected); numbers are integers within ±2^53, not \(text)")
        }
        return JSONValueDecoder.FieldError(message: "\(path) must be \(expected), not \(value.typeWithArticle)")
    }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let b) = value else { throw mismatch("true or false") }
        return b
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value else { throw mismatch("a string") }
        return s
    }

    /// Params carry no fractions (PROTOCOL.md), so a floating-point field
    /// takes only an integer.
    func decode(_ type: Double.Type) throws -> Double { Double(try decodeInteger(Int64.self)) }
    func decode(_ type: Float.Type) throws -> Float { Float(try decodeInteger(Int64.self)) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    func decodeInteger<I: FixedWidthInteger & Decodable>(_ type: I.Type) throws -> I {
        guard case .integer(let n) = value else { throw mismatch("an integer") }
        guard let exact = I(exactly: n) else {
            throw JSONValueDecoder.FieldError(message: "\(path) must be from \(I.min) to \(I.max), not \(n)")
        }
        return exact
    }
}

/// A key in a coding path that no type declared: an array index, or `super`.
struct PathKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(_ index: Int) { (stringValue, intValue) = ("\(index)", index) }
    init(_ name: String) { (stringValue, intValue) = (name, nil) }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}
