/// A 32-byte hash: a leaf, a node, a root, a commitment.
///
/// In JSON it is lowercase hex (PROTOCOL.md); base64 appears only inside
/// signed-note text.
public struct Hash: Sendable, Hashable, Comparable {
    /// The 32 bytes as four big-endian words, held inline: a hash is copied,
    /// compared and dropped without the heap or a reference count (an
    /// entry's `prev`, every leaf and node `verify` forms). Compared word by
    /// word, big-endian, they order as the bytes do.
    @usableFromInline let w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// The hash of 32 zero bytes: the `prev` of entry 0.
    public static let zero = Hash(w0: 0, w1: 0, w2: 0, w3: 0)

    @usableFromInline init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// Exactly 32 bytes at `raw`.
    @inlinable init(exactly raw: UnsafeRawBufferPointer) {
        func word(_ at: Int) -> UInt64 { UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        self.init(w0: word(0), w1: word(8), w2: word(16), w3: word(24))
    }

    /// Copies exactly 32 bytes; `nil` for any other length.
    public init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 32 else { return nil }
        self.init(exactly: bytes)
    }

    /// Copies exactly 32 bytes; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        if let hash = bytes.withContiguousStorageIfAvailable({ Hash(exactly: UnsafeRawBufferPointer($0)) }) {
            self = hash
        } else {
            self = Array(bytes).withUnsafeBytes { Hash(exactly: $0) }
        }
    }

    /// Copies exactly 32 bytes; `nil` for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self = bytes.withUnsafeBytes { Hash(exactly: $0) }
    }

    init(uncheckedBytes: [UInt8]) {
        precondition(uncheckedBytes.count == 32, "a hash is 32 bytes")
        self = uncheckedBytes.withUnsafeBytes { Hash(exactly: $0) }
    }

    /// Parses 64 lowercase hex digits; `nil` for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ Hex.isLowercaseDigit($0) }), let decoded = Hex.decode(hex) else { return nil }
        self.init(uncheckedBytes: decoded)
    }

    /// The 32 bytes, as a new array: where a hash is only read, its bytes
    /// in place (``withUnsafeBytes(_:)``) cost no allocation.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Lends the 32 bytes for the length of `body`.
    @inlinable public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var words = (w0.bigEndian, w1.bigEndian, w2.bigEndian, w3.bigEndian)
        return try Swift.withUnsafeBytes(of: &words) { (raw) throws(E) -> R in try body(raw) }
    }

    /// Whether `raw` holds exactly these 32 bytes. (Inlinable, and of raw
    /// bytes only: `verify` asks it of every stored leaf hash and subtree,
    /// and a generic comparison across modules went element by element
    /// through an unspecialized iterator.)
    @inlinable public func isSpelled(by raw: UnsafeRawBufferPointer) -> Bool {
        raw.count == 32 && Hash(exactly: raw) == self
    }

    /// 64 lowercase hex digits.
    public var hex: String { withUnsafeBytes { Hex.encode($0) } }

    /// Appends the 64 lowercase hex digits to `out`.
    public func writeHex(into out: inout [UInt8]) { withUnsafeBytes { Hex.write($0, into: &out) } }

    public static func < (a: Hash, b: Hash) -> Bool { (a.w0, a.w1, a.w2, a.w3) < (b.w0, b.w1, b.w2, b.w3) }
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
    public static func write(_ bytes: some Sequence<UInt8>, into out: inout [UInt8]) {
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
