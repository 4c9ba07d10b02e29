/// A value that writes its own canonical JSON (RFC 8785, as
/// ``CanonicalJSON``) without building a ``JSONValue`` tree first: for the
/// answers read most (`account.get`), where encoding through `Codable`
/// cost several times the ledger read. Its bytes must equal those of
/// `JSONValueEncoder().encode(value).canonicalBytes`; a test holds each
/// conformance to that.
public protocol CanonicalJSONWritable: Encodable {
    var canonicalJSON: [UInt8] { get }
}

extension JSONValueEncoder {
    /// `value`'s RFC 8785 bytes: written directly where the type can
    /// (``CanonicalJSONWritable``), else through the encoder. Every result
    /// a transport sends or an idempotency row keeps goes this way.
    public static func canonicalBytes(_ value: some Encodable) throws -> [UInt8] {
        if let writable = value as? any CanonicalJSONWritable { return writable.canonicalJSON }
        return try JSONValueEncoder().encode(value).canonicalBytes
    }
}

/// Writes one JSON object member by member, in RFC 8785 order: the caller
/// adds members in that order (sorted keys) and skips absent ones, as
/// `Codable`'s synthesized encoding omits nil optionals.
public struct CanonicalObjectWriter {
    public private(set) var bytes: [UInt8]
    private var lastKey: String?

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    public mutating func add(_ key: String, _ value: Int64?) {
        guard let value else { return }
        name(key)
        CanonicalJSON.writeInteger(value, into: &bytes)
    }

    public mutating func add(_ key: String, _ value: Int?) { add(key, value.map(Int64.init)) }

    public mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        name(key)
        CanonicalJSON.writeString(value, into: &bytes)
    }

    public mutating func add(_ key: String, _ values: [String]?) {
        guard let values else { return }
        name(key)
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            CanonicalJSON.writeString(value, into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Any other value, through its JSON tree (for the rare members).
    public mutating func add(_ key: String, json value: JSONValue?) {
        guard let value else { return }
        name(key)
        CanonicalJSON.write(value, into: &bytes)
    }

    /// The object's bytes, closed.
    public consuming func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func name(_ key: String) {
        assert(lastKey.map { CanonicalJSON.precedes($0, key) } ?? true, "members must be added in RFC 8785 order: \(key) after \(lastKey ?? "")")
        if lastKey != nil { bytes.append(UInt8(ascii: ",")) }
        CanonicalJSON.writeString(key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        lastKey = key
    }
}
