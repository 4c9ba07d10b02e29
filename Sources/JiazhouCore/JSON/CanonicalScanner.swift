/// Checks, in one pass and without building a JSON tree, that bytes are
/// exactly the RFC 8785 canonical form of some JSON value of our types —
/// the check that `Entry.unseal` makes by parsing and re-encoding, at a
/// fraction of the cost, for `verify` and `import` over millions of entries.
///
/// It may *decline* (return `false`) for inputs it does not handle — object
/// keys that are not plain ASCII, deep nesting — and then the caller uses the
/// full parser, which also gives the precise error. It must never accept
/// bytes that the parser and encoder would refuse; a test holds it to that.
struct CanonicalScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    /// The last two account ids read, for ``accountID()``: an entry names
    /// its volunteer twice (in its data and its posting).
    var recentAccounts: (AccountID?, AccountID?) = (nil, nil)

    /// Deepest nesting the scanner handles; deeper input is declined.
    static let maxDepth = 32

    init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func expect(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// Any canonical value.
    mutating func value(depth: Int = 0) -> Bool {
        guard depth <= Self.maxDepth, let byte = current else { return false }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth + 1) { _, _ in true }
        case UInt8(ascii: "["): return array(depth: depth + 1)
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer() != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return false
        }
    }

    /// Any canonical value, read into the JSON value it spells (strings
    /// unescaped); `nil` where ``value(depth:)`` is `false`.
    mutating func jsonValue(depth: Int = 0) -> JSONValue? {
        guard depth <= Self.maxDepth, let byte = current else { return nil }
        switch byte {
        case UInt8(ascii: "{"):
            var members: [String: JSONValue] = [:]
            let scanned = object(depth: depth + 1) { key, s in
                guard let value = s.jsonValue(depth: depth + 1) else { return false }
                // Plain ASCII, checked by `object`: its bytes are its text.
                members[String(decoding: UnsafeBufferPointer(rebasing: s.bytes[key]), as: UTF8.self)] = value
                return true
            }
            return scanned ? .object(members) : nil
        case UInt8(ascii: "["):
            index += 1
            var elements: [JSONValue] = []
            if expect(UInt8(ascii: "]")) { return .array(elements) }
            while true {
                guard let element = jsonValue(depth: depth + 1) else { return nil }
                elements.append(element)
                if expect(UInt8(ascii: "]")) { return .array(elements) }
                guard expect(UInt8(ascii: ",")) else { return nil }
            }
        case UInt8(ascii: "\""): return decodedString().map(JSONValue.string)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer().map(JSONValue.integer)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return nil
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] { return false }
        index += count
        return true
    }

    /// An object whose member names are plain ASCII in strictly increasing
    /// order; `member(keyRange, scanner)` scans each value (and may capture it).
    mutating func object(depth: Int, _ member: (Range<Int>, inout CanonicalScanner) -> Bool) -> Bool {
        guard expect(UInt8(ascii: "{")) else { return false }
        if expect(UInt8(ascii: "}")) { return true }
        var previous: Range<Int>? = nil
        while true {
            guard let key = string(), isPlainASCII(key) else { return false }
            if let previous, !precedes(previous, key) { return false }
            previous = key
            guard expect(UInt8(ascii: ":")) else { return false }
            let start = index
            guard member(key, &self) else { return false }
            if index == start, !value(depth: depth) { return false }
            if expect(UInt8(ascii: "}")) { return true }
            guard expect(UInt8(ascii: ",")) else { return false }
        }
    }

    mutating func array(depth: Int) -> Bool {
        guard expect(UInt8(ascii: "[")) else { return false }
        if expect(UInt8(ascii: "]")) { return true }
        while true {
            guard value(depth: depth) else { return false }
            if expect(UInt8(ascii: "]")) { return true }
            guard expect(UInt8(ascii: ",")) else { return false }
        }
    }

    /// Plain: printable ASCII without escapes, so that byte order is RFC 8785
    /// order and no two spellings can mean the same name.
    func isPlainASCII(_ range: Range<Int>) -> Bool {
        for i in range where bytes[i] < 0x20 || bytes[i] >= 0x7F || bytes[i] == UInt8(ascii: "\\") { return false }
        return true
    }

    func precedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        var (i, j) = (a.lowerBound, b.lowerBound)
        while i < a.upperBound, j < b.upperBound {
            if bytes[i] != bytes[j] { return bytes[i] < bytes[j] }
            i += 1
            j += 1
        }
        return a.count < b.count
    }

    /// A canonical string; returns the range of its content (between the quotes).
    mutating func string() -> Range<Int>? {
        guard expect(UInt8(ascii: "\"")) else { return nil }
        let start = index
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            // Printable ASCII other than the quote and the backslash: nearly
            // every byte of an entry, so it is tested first.
            if byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return start..<(index - 1)
            case UInt8(ascii: "\\"):
                guard escape() else { return nil }
            case 0x00..<0x20:
                return nil
            default:
                guard utf8Scalar() else { return nil }
            }
        }
        return nil
    }

    /// Only the escapes RFC 8785 writes: \" \\ \b \t \n \f \r, and \u00xx
    /// (lowercase) for the other control characters.
    private mutating func escape() -> Bool {
        guard index + 1 < bytes.count else { return false }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "f"), UInt8(ascii: "r"):
            index += 2
            return true
        case UInt8(ascii: "u"):
            guard index + 6 <= bytes.count, bytes[index + 2] == UInt8(ascii: "0"), bytes[index + 3] == UInt8(ascii: "0") else { return false }
            let high = bytes[index + 4], low = bytes[index + 5]
            guard high == UInt8(ascii: "0") || high == UInt8(ascii: "1") else { return false }
            let lowValue: UInt8
            switch low {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): lowValue = low - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): lowValue = low - UInt8(ascii: "a") + 10
            default: return false
            }
            let value = (high - UInt8(ascii: "0")) << 4 | lowValue
            guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(value) else { return false }
            index += 6
            return true
        default:
            return false
        }
    }

    /// One well-formed multi-byte UTF-8 scalar (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
    private mutating func utf8Scalar() -> Bool {
        let lead = bytes[index]
        let (count, low, high): (Int, UInt8, UInt8)
        switch lead {
        case 0xC2...0xDF: (count, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (count, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (count, low, high) = (3, 0x80, 0xBF)
        case 0xED: (count, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (count, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (count, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (count, low, high) = (4, 0x80, 0x8F)
        default: return false
        }
        guard index + count <= bytes.count, bytes[index + 1] >= low, bytes[index + 1] <= high else { return false }
        for i in 2..<count where bytes[index + i] < 0x80 || bytes[index + i] > 0xBF { return false }
        index += count
        return true
    }

    /// A canonical integer within ±2^53: no leading zeros, no `-0`, no fraction or exponent.
    mutating func integer() -> Int64? {
        var negative = false
        if current == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let start = index
        var magnitude: Int64 = 0
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            magnitude = magnitude &* 10 &+ Int64(byte - UInt8(ascii: "0"))
            index += 1
            guard index - start <= 16 else { return nil }
        }
        let digits = index - start
        guard digits > 0, !(bytes[start] == UInt8(ascii: "0") && digits > 1), !(negative && magnitude == 0),
            magnitude <= Int64(Limits.maxSafeInteger)
        else { return nil }
        if let next = current, next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Whether the bytes in `range` are `word`.
    func matches(_ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        for i in 0..<range.count where bytes[range.lowerBound + i] != word.utf8Start[i] { return false }
        return true
    }

    /// The content of a string that has no escapes, as text (ids, kinds, hex).
    func text(_ range: Range<Int>) -> String? {
        for i in range where bytes[i] == UInt8(ascii: "\\") { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
