import FuzzSupport
@testable import JiazhouCore

/// The strict JSON parser, the RFC 8785 encoder and the one-pass canonical
/// scanner, held to each other:
///
/// - whatever parses re-encodes, and the encoding parses back to the same
///   value and encodes to the same bytes (encode is idempotent);
/// - the scanner accepts nothing that is not exactly the encoding of what
///   the parser reads, and accepts every encoding that it does not decline
///   by design (keys that are not plain ASCII, nesting past its depth);
/// - keeping number text changes nothing for texts without such numbers;
/// - the Codable bridge (``JSONValueEncoder``/``JSONValueDecoder``) returns
///   the value unchanged.
@main
enum FuzzCanonicalJSON {
    static func main() {
        runFuzzer { data, size in
            FuzzCanonicalJSON.check(inputBytes(data, size))
            return 0
        }
    }

    static func check(_ input: [UInt8]) {
        let parsed = try? JSONParser.parse(input)
        if let value = parsed {
            let encoded = CanonicalJSON.bytes(value)
            guard let reparsed = try? JSONParser.parse(encoded) else {
                return require(false, "the encoding of a parsed value does not parse: \(String(decoding: encoded, as: UTF8.self))")
            }
            require(reparsed == value, "parse(encode(x)) != x")
            require(CanonicalJSON.bytes(reparsed) == encoded, "encode is not idempotent")
            require(value.canonicalBytes == encoded, "canonicalBytes differs from CanonicalJSON.bytes")
            // The scanner must accept every canonical text it does not decline by design.
            if !scannerMayDecline(value, level: 0) {
                require(scans(encoded), "the scanner refuses a canonical text: \(String(decoding: encoded, as: UTF8.self))")
            }
            if let bridged = try? JSONValueDecoder(root: "").decode(JSONValue.self, from: value) {
                require(bridged == value, "JSONValueDecoder changes a JSONValue")
            } else {
                require(false, "JSONValueDecoder refuses a JSONValue")
            }
            if let encodedValue = try? JSONValueEncoder().encode(value) {
                require(encodedValue == value, "JSONValueEncoder changes a JSONValue")
            } else {
                require(false, "JSONValueEncoder refuses a JSONValue")
            }
        }
        // The scanner accepts only what the parser and the encoder agree is canonical.
        if scans(input) {
            require(parsed != nil, "the scanner accepts a text the parser refuses: \(String(decoding: input, as: UTF8.self))")
            require(parsed.map(CanonicalJSON.bytes) == input, "the scanner accepts a text that is not canonical: \(String(decoding: input, as: UTF8.self))")
        }
        // Keeping number text is the same parser for texts without such numbers.
        let keeping = try? JSONParser.parseKeepingNumberText(input)
        if let parsed { require(keeping == parsed, "parseKeepingNumberText disagrees with parse") }
        if let keeping, !keeping.containsNumberText { require(parsed == keeping, "parse refuses what parseKeepingNumberText reads without number text") }
    }

    /// Whether the scanner reads all of `bytes` as one canonical value.
    static func scans(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CanonicalScanner(buffer)
            return scanner.value() && scanner.index == buffer.count
        }
    }

    /// The scanner may decline object keys that are not plain printable ASCII
    /// without escapes, and values nested deeper than its limit.
    static func scannerMayDecline(_ value: JSONValue, level: Int) -> Bool {
        if level > CanonicalScanner.maxDepth { return true }
        switch value {
        case .array(let items): return items.contains { scannerMayDecline($0, level: level + 1) }
        case .object(let members):
            return members.contains { key, member in
                key.utf8.contains { $0 < 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") }
                    || scannerMayDecline(member, level: level + 1)
            }
        default: return false
        }
    }
}
