import Foundation

/// A strict JSON parser (RFC 8259) into ``JSONValue``.
///
/// Strict where lenient parsers let ambiguity through, because what it reads
/// is hashed or acted on: duplicate member names, lone surrogates, invalid
/// UTF-8, numbers that are not integers within ±2^53, and nesting deeper
/// than ``Limits/jsonDepth`` are errors with the byte offset where they start.
public struct JSONParser {
    /// Why a text is not acceptable JSON, and where.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var offset: Int
        public var message: String
        public var description: String { "\(message) at byte \(offset)" }
    }

    private let bytes: [UInt8]
    private var index = 0
    private let maxDepth: Int
    private var keepNumberText = false
    private var acceptsZeroFractions = false

    /// Parses one JSON text, which must be the whole of `bytes` but for whitespace.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = Limits.jsonDepth) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        return try parser.parseWhole()
    }

    /// The one value `bytes` holds, with nothing but whitespace around it.
    private mutating func parseWhole() throws(Failure) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if index != bytes.count { throw failure("unexpected content after the JSON value") }
        return value
    }

    /// Parses one JSON text, keeping numbers that are not integers within
    /// ±2^53 as ``JSONValue/numberText(_:)`` instead of refusing them. For a
    /// transport that must echo a JSON-RPC `id` exactly; it must refuse
    /// ``JSONValue/containsNumberText`` everywhere else.
    public static func parseKeepingNumberText(_ bytes: [UInt8], maxDepth: Int = Limits.jsonDepth) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        parser.keepNumberText = true
        return try parser.parseWhole()
    }

    /// Parses one JSON text where an integer may be written with a fraction
    /// of zeros (`789.0` is 789): JSON Schema's `integer` is a number whose
    /// fraction is zero, so a client working from an OpenAPI document may
    /// send one. For requests over HTTP; entries and JSON-RPC stay strict.
    public static func parseAcceptingZeroFractions(_ bytes: [UInt8], maxDepth: Int = Limits.jsonDepth) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        parser.acceptsZeroFractions = true
        return try parser.parseWhole()
    }

    /// Parses one JSON text given as a string.
    public static func parse(_ text: String, maxDepth: Int = Limits.jsonDepth) throws(Failure) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private func failure(_ message: String, at offset: Int? = nil) -> Failure {
        Failure(offset: offset ?? index, message: message)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            do { return .integer(try parseInteger()) } catch {
                guard keepNumberText else { throw error }
                index = start
                return .numberText(try scanNumberText())
            }
        default: throw failure("unexpected character")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(Failure) {
        let start = index
        for expected in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard index < bytes.count, bytes[index] == expected else { throw failure("invalid literal", at: start) }
            index += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= maxDepth else { throw failure("nesting deeper than \(maxDepth)") }
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure("expected a member name in double quotes")
            }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            // Swift compares strings by Unicode canonical equivalence, so "é" and
            // "e\u{301}" are one dictionary key: such a pair is refused too, by
            // policy (Ledger/SPEC.md §3), rather than one silently replacing the other.
            if let existing = members.index(forKey: key) {
                let same = Array(members.keys[existing].utf8) == Array(key.utf8)
                throw failure(
                    same ? "duplicate member name \"\(key)\"" : "member names \"\(key)\" differ only in Unicode normalisation; use one spelling",
                    at: keyOffset)
            }
            members[key] = value
            skipWhitespace()
            guard index < bytes.count else { throw failure("unterminated object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
            index += 1
            return .object(members)
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= maxDepth else { throw failure("nesting deeper than \(maxDepth)") }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unterminated array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
            index += 1
            return .array(items)
        }
    }

    private mutating func parseInteger() throws(Failure) -> Int64 {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let digitsStart = index
        var magnitude: UInt64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            magnitude = magnitude &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0"))
            index += 1
            guard index - digitsStart <= 16 else { throw failure("number beyond ±2^53", at: start) }
        }
        guard index > digitsStart else { throw failure("invalid number", at: start) }
        if bytes[digitsStart] == UInt8(ascii: "0"), index - digitsStart > 1 {
            throw failure("numbers may not have leading zeros", at: start)
        }
        if acceptsZeroFractions, index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            let fractionStart = index + 1
            index = fractionStart
            while index < bytes.count, bytes[index] == UInt8(ascii: "0") { index += 1 }
            guard index > fractionStart, index == bytes.count || !(UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[index]) else {
                throw failure("only integers are accepted, not fractions or exponents", at: start)
            }
        }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
            throw failure("only integers are accepted, not fractions or exponents", at: start)
        }
        guard magnitude <= Limits.maxSafeInteger else { throw failure("number beyond ±2^53", at: start) }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// Scans any RFC 8259 number and returns its text.
    private mutating func scanNumberText() throws(Failure) -> String {
        let start = index
        func digits(_ index: inout Int) -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let intStart = index
        guard digits(&index) > 0, !(bytes[intStart] == UInt8(ascii: "0") && index - intStart > 1) else { throw failure("invalid number", at: start) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&index) > 0 else { throw failure("invalid number", at: start) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&index) > 0 else { throw failure("invalid number", at: start) }
        }
        guard index - start <= 64 else { throw failure("number longer than 64 characters", at: start) }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func parseString() throws(Failure) -> String {
        let start = index
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        var plainRun = true  // no escapes seen yet: the fast path copies the bytes once
        while true {
            guard index < bytes.count else { throw failure("unterminated string", at: start) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if plainRun {
                    let run = bytes[runStart..<index]
                    index += 1
                    guard let text = Self.validUTF8(run) else { throw failure("string is not valid UTF-8", at: start) }
                    return text
                }
                index += 1
                return String(scalars)
            }
            if byte < 0x20 { throw failure("control character in string must be escaped") }
            if byte == UInt8(ascii: "\\") {
                if plainRun {
                    guard let prefix = Self.validUTF8(bytes[runStart..<index]) else {
                        throw failure("string is not valid UTF-8", at: start)
                    }
                    scalars.append(contentsOf: prefix.unicodeScalars)
                    plainRun = false
                }
                scalars.append(try parseEscape())
                runStart = index
                continue
            }
            if !plainRun {
                scalars.append(try decodeUTF8Scalar())
                continue
            }
            index += 1
        }
    }

    private mutating func parseEscape() throws(Failure) -> Unicode.Scalar {
        let start = index
        index += 1
        guard index < bytes.count else { throw failure("unterminated escape", at: start) }
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try parseHex4()
            if (0xD800..<0xDC00).contains(unit) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw failure("lone surrogate in \\u escape", at: start) }
                index += 2
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("lone surrogate in \\u escape", at: start) }
                let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                return Unicode.Scalar(value)!
            }
            guard let scalar = Unicode.Scalar(UInt32(unit)) else { throw failure("lone surrogate in \\u escape", at: start) }
            return scalar
        default: throw failure("invalid escape", at: start)
        }
    }

    private mutating func parseHex4() throws(Failure) -> UInt16 {
        guard index + 4 <= bytes.count else { throw failure("truncated \\u escape") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw failure("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// The text of `run` if it is valid UTF-8. `String(decoding:)` repairs
    /// invalid input instead of failing, so the repair is detected by comparing
    /// bytes; this is much faster than the generic `String(validating:as:)`.
    static func validUTF8(_ run: ArraySlice<UInt8>) -> String? {
        run.withUnsafeBufferPointer { buffer in
            var text = String(decoding: buffer, as: UTF8.self)
            let same = text.withUTF8 { decoded in
                decoded.count == buffer.count && (buffer.isEmpty || memcmp(decoded.baseAddress!, buffer.baseAddress!, buffer.count) == 0)
            }
            return same ? text : nil
        }
    }

    private mutating func decodeUTF8Scalar() throws(Failure) -> Unicode.Scalar {
        let start = index
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00..<0x80: length = 1
        case 0xC2..<0xE0: length = 2
        case 0xE0..<0xF0: length = 3
        case 0xF0..<0xF5: length = 4
        default: throw failure("string is not valid UTF-8")
        }
        guard index + length <= bytes.count,
            let text = Self.validUTF8(bytes[index..<index + length]),
            let scalar = text.unicodeScalars.first
        else { throw failure("string is not valid UTF-8", at: start) }
        index += length
        return scalar
    }
}
