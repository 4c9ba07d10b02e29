/// RFC 8785 (JSON Canonicalization Scheme) serialisation of ``JSONValue``.
///
/// Hand-written because `JSONEncoder`'s bytes are not a contract: the ledger's
/// hashes are computed over these bytes, so they must never change.
/// Members are sorted by the UTF-16 code units of their keys (RFC 8785 §3.2.3);
/// strings are escaped as ECMAScript's `JSON.stringify` does (§3.2.2.2);
/// integers are written in plain decimal, which is what ECMAScript's
/// `Number.prototype.toString` gives for every integer within ±2^53.
public enum CanonicalJSON {
    /// The canonical bytes of `value`.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    /// Appends the canonical bytes of `value` to `out`.
    public static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .integer(let n): writeInteger(n, into: &out)
        case .string(let s): writeString(s, into: &out)
        case .numberText(let text):
            // Echoed as received; never hashed (entries cannot hold one).
            out.append(contentsOf: text.utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            // Sorting the pairs, not the keys, saves a hash lookup per member.
            for (i, member) in members.sorted(by: { precedes($0.key, $1.key) }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// RFC 8785 order. UTF-8 byte order equals UTF-16 code-unit order except
    /// between U+E000…U+FFFF and supplementary characters (UTF-16 puts the
    /// latter's surrogates first), so bytes decide unless both are possible.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                var i = 0
                while i < n, x[i] == y[i] { i += 1 }
                if i == n { return x.count < y.count }
                // Lead bytes 0xEE/0xEF start U+E000…U+FFFF; 0xF0…0xF4 start supplementary characters.
                if x[i] >= 0xEE && y[i] >= 0xEE { return String(decoding: x, as: UTF8.self).utf16.lexicographicallyPrecedes(String(decoding: y, as: UTF8.self).utf16) }
                return x[i] < y[i]
            }
        }
    }

    /// Decimal digits, most significant first, straight into `out`: a
    /// buffer of digits per number was a tenth of an award's allocations.
    static func writeInteger(_ n: Int64, into out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        var unit: UInt64 = 1
        while magnitude / unit >= 10 { unit *= 10 }
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude / unit))
            magnitude %= unit
            unit /= 10
        } while unit > 0
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        let plain = s.withUTF8 { bytes in
            // Most strings need no escape: copy them in one go.
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0x0F))
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

extension JSONValue {
    /// The RFC 8785 canonical bytes of this value.
    public var canonicalBytes: [UInt8] { CanonicalJSON.bytes(self) }

    /// The canonical text of this value.
    public var canonicalText: String { String(decoding: canonicalBytes, as: UTF8.self) }
}
