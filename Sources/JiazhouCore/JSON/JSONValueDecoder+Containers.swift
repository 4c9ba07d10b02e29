/// An object's members, for a type's `CodingKeys`. Every key the type looks
/// at is logged, so that the members it never looked at can be refused.
struct ObjectContainer<Key: CodingKey>: MemberForwardingContainer {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]
    let log: JSONValueDecoder.Log

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    private var path: String { log.render(codingPath) }

    func contains(_ key: Key) -> Bool {
        log.ask(path, key.stringValue)
        return members[key.stringValue] != nil
    }

    func member(_ key: Key) throws -> ValueDecoder {
        log.ask(path, key.stringValue)
        guard let value = members[key.stringValue] else {
            throw JSONValueDecoder.FieldError(message: "\(log.render(codingPath + [key])) is required")
        }
        return ValueDecoder(value: value, codingPath: codingPath + [key], log: log)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key).decodeNil() }

    func superDecoder() throws -> any Decoder {
        log.ask(path, "super")
        return ValueDecoder(value: members["super"] ?? .null, codingPath: codingPath + [PathKey("super")], log: log)
    }
}

/// An array's elements, in order.
struct ArrayContainer: ElementForwardingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    let log: JSONValueDecoder.Log
    private(set) var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey], log: JSONValueDecoder.Log) {
        self.items = items
        self.codingPath = codingPath
        self.log = log
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func nextElement() throws -> ValueDecoder {
        guard !isAtEnd else {
            throw JSONValueDecoder.FieldError(message: "\(log.render(codingPath)) has too few elements (\(items.count))")
        }
        defer { currentIndex += 1 }
        return ValueDecoder(value: items[currentIndex], codingPath: codingPath + [PathKey(currentIndex)], log: log)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }
}
