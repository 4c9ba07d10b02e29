/// The `Decoder` protocols ask a container for fifteen `decode` methods, one
/// per primitive type, and every container here does the same with each:
/// hands it to the decoder of one member or element. These protocols write
/// those ladders once, for ``JSONValueDecoder`` and the HTTP schema recorder.

/// A decoder that is also its own single-value container, with one generic
/// way in for a whole `Decodable` value.
public protocol ForwardedDecoder: Decoder, SingleValueDecodingContainer {
    /// Decodes a whole `T` here (where a decoder adds its own checks, such
    /// as a path in an error's message).
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T
}

/// A single-value container whose fixed-width integers all go one way.
public protocol IntegerDecodingContainer: SingleValueDecodingContainer {
    func decodeInteger<I: FixedWidthInteger & Decodable>(_ type: I.Type) throws -> I
}

extension IntegerDecodingContainer {
    public func decode(_ type: Int.Type) throws -> Int { try decodeInteger(type) }
    public func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(type) }
    public func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(type) }
    public func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(type) }
    public func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(type) }
    public func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(type) }
    public func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(type) }
    public func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(type) }
    public func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(type) }
    public func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(type) }
}

/// A keyed container that decodes each member with a decoder of its own.
public protocol MemberForwardingContainer: KeyedDecodingContainerProtocol {
    associatedtype MemberDecoder: ForwardedDecoder
    /// The decoder of `key`'s member (or the error that there is none).
    func member(_ key: Key) throws -> MemberDecoder
}

extension MemberForwardingContainer {
    public func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try member(key).decode(type) }
    public func decode(_ type: String.Type, forKey key: Key) throws -> String { try member(key).decode(type) }
    public func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try member(key).decode(type) }
    public func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try member(key).decode(type) }
    public func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try member(key).decode(type) }
    public func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try member(key).decode(type) }
    public func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try member(key).decode(type) }
    public func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try member(key).decode(type) }
    public func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try member(key).decode(type) }
    public func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try member(key).decode(type) }
    public func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try member(key).decode(type) }
    public func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try member(key).decode(type) }
    public func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try member(key).decode(type) }
    public func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try member(key).decode(type) }
    public func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decodeValue(type) }

    public func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    public func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try member(key).unkeyedContainer() }
    public func superDecoder(forKey key: Key) throws -> any Decoder { try member(key) }
}

/// An unkeyed container that decodes each element with a decoder of its own.
public protocol ElementForwardingContainer: UnkeyedDecodingContainer {
    associatedtype ElementDecoder: ForwardedDecoder
    /// The next element's decoder, moving past it (or the error that there is none).
    mutating func nextElement() throws -> ElementDecoder
}

extension ElementForwardingContainer {
    public mutating func decode(_ type: Bool.Type) throws -> Bool { try nextElement().decode(type) }
    public mutating func decode(_ type: String.Type) throws -> String { try nextElement().decode(type) }
    public mutating func decode(_ type: Double.Type) throws -> Double { try nextElement().decode(type) }
    public mutating func decode(_ type: Float.Type) throws -> Float { try nextElement().decode(type) }
    public mutating func decode(_ type: Int.Type) throws -> Int { try nextElement().decode(type) }
    public mutating func decode(_ type: Int8.Type) throws -> Int8 { try nextElement().decode(type) }
    public mutating func decode(_ type: Int16.Type) throws -> Int16 { try nextElement().decode(type) }
    public mutating func decode(_ type: Int32.Type) throws -> Int32 { try nextElement().decode(type) }
    public mutating func decode(_ type: Int64.Type) throws -> Int64 { try nextElement().decode(type) }
    public mutating func decode(_ type: UInt.Type) throws -> UInt { try nextElement().decode(type) }
    public mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try nextElement().decode(type) }
    public mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try nextElement().decode(type) }
    public mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try nextElement().decode(type) }
    public mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try nextElement().decode(type) }
    public mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try nextElement().decodeValue(type) }

    public mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try nextElement().container(keyedBy: type)
    }

    public mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try nextElement().unkeyedContainer() }
    public mutating func superDecoder() throws -> any Decoder { try nextElement() }
}
