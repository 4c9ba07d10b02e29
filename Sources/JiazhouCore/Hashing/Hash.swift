/// A 32-byte hash: a leaf, a node, a root, a commitment.
///
/// In JSON it is lowercase hex (PROTOCOL.md); base64 appears only inside
/// signed-note text.
public struct Hash: Sendable, Hashable, Comparable {
    /// Exactly 32 bytes.
    public let bytes: [UInt8]

    /// The hash of 32 zero bytes: the `prev` of entry 0.
    public static let zero = Hash(uncheckedBytes: [UInt8](repeating: 0, count: 32))

    /// Wraps exactly 32 bytes; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        self.bytes = Array(bytes)
    }

    /// Wraps exactly 32 bytes without copying them; `nil` for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    init(uncheckedBytes: [UInt8]) {
        precondition(uncheckedBytes.count == 32, "a hash is 32 bytes")
        self.bytes = uncheckedBytes
    }

    /// Parses 64 lowercase hex digits; `nil` for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ Hex.isLowercaseDigit($0) }), let decoded = Hex.decode(hex) else { return nil }
        self.bytes = decoded
    }

    /// 64 lowercase hex digits.
    public var hex: String { Hex.encode(bytes) }

    public static func < (a: Hash, b: Hash) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}

extension Hash: CustomStringConvertible {
    public var description: String { hex }
}

extension Hash: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let hash = Hash(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected 64 lowercase hex digits"))
        }
        self = hash
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// Lowercase hexadecimal, strictly.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isLowercaseDigit(_ c: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c)
    }

    /// Appends the lowercase hex of `bytes` to `out`.
    public static func write(_ bytes: [UInt8], into out: inout [UInt8]) {
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
    }

    /// Decodes hex (either case); `nil` on an odd length or a non-hex character.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let high = value(utf8[i]), let low = value(utf8[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    private static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
