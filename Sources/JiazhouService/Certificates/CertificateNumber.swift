public import JiazhouCore

/// The number of a service certificate (志愿服务证明编号): 140 random bits as
/// 28 characters of Crockford's base32 in seven groups of four behind the
/// programme's prefix, `JZ-7K3Q-M9XD-…` (Ledger/SPEC.md §18).
///
/// The number is what lets a stranger fetch one certificate, so it must not
/// be guessable: 140 bits from the system's secure generator (at least the
/// 128 bits of a random UUID's class of secrets). Crockford's alphabet has
/// no I, L, O or U, so nothing on paper reads as 1, 0 or V. The ledger keeps
/// only the SHA-256 of the canonical text.
///
/// What a person types is forgiving, as Crockford intends, but only within
/// one shape, the one `pattern` states (so the API's schema and this parser
/// agree): letters of either case, `I`/`L` read as 1 and `O` as 0, the
/// prefix and the dashes between groups optional.
public struct CertificateNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 28 canonical characters, without prefix or dashes.
    public let characters: String

    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    static let groups = 7
    static let groupLength = 4
    static let length = groups * groupLength
    /// One random byte per character, of which 5 bits are used: 140 bits.
    static let randomBytes = length
    static let prefix = "JZ"
    /// The longest text that can be a number: prefix, dash, 28 characters and 6 dashes.
    static let maxTypedBytes = 3 + length + groups - 1

    /// Every text this type accepts, as an ECMA-262 regular expression (the OpenAPI schema's `pattern`).
    public static let pattern = "^([Jj][Zz]-?)?([0-9A-TV-Za-tv-z]{4}-?){6}[0-9A-TV-Za-tv-z]{4}$"

    /// The number of 28 random bytes (their low 5 bits).
    init(randomBytes bytes: [UInt8]) {
        precondition(bytes.count == Self.randomBytes)
        characters = String(decoding: bytes.map { Self.alphabet[Int($0 & 31)] }, as: UTF8.self)
    }

    /// A number as a person or a link wrote it; `nil` if it cannot be one.
    public init?(typed text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count <= Self.maxTypedBytes else { return nil }
        if let characters = Self.groups(bytes[...]) {
            self.characters = characters
            return
        }
        // The prefix: "JZ" or "JZ-" (whose letters are also symbols: tried after the bare form).
        guard bytes.count >= 2, bytes[0] | 0x20 == UInt8(ascii: "j"), bytes[1] | 0x20 == UInt8(ascii: "z") else { return nil }
        var rest = bytes[2...]
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        guard let characters = Self.groups(rest) else { return nil }
        self.characters = characters
    }

    /// Seven groups of four symbols, each of the first six optionally followed by one dash.
    private static func groups(_ bytes: ArraySlice<UInt8>) -> String? {
        var out: [UInt8] = []
        var rest = bytes
        for group in 0..<groups {
            for _ in 0..<groupLength {
                guard let byte = rest.popFirst(), let symbol = symbol(byte) else { return nil }
                out.append(symbol)
            }
            if group < groups - 1, rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        }
        guard rest.isEmpty else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical symbol a typed byte stands for, or `nil` (U, punctuation, anything not ASCII).
    private static func symbol(_ byte: UInt8) -> UInt8? {
        let upper = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
        switch upper {
        case UInt8(ascii: "I"), UInt8(ascii: "L"): return UInt8(ascii: "1")
        case UInt8(ascii: "O"): return UInt8(ascii: "0")
        default: return alphabet.contains(upper) ? upper : nil
        }
    }

    /// `JZ-7K3Q-M9XD-…`: as printed on the certificate and put in its link.
    public var description: String {
        var groups: [Substring] = []
        var rest = Substring(characters)
        while !rest.isEmpty {
            groups.append(rest.prefix(Self.groupLength))
            rest = rest.dropFirst(Self.groupLength)
        }
        return ([Self.prefix] + groups.map(String.init)).joined(separator: "-")
    }

    /// What the ledger stores: SHA-256 of the canonical text, `JZ-…` with its dashes.
    public var hash: Hash { TreeHasher.sha256(Array(description.utf8)) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = CertificateNumber(typed: text) else {
            throw LedgerError(
                .invalid_request, "\"\(text.prefix(64))\" cannot be a certificate number: it is JZ- and 28 letters and digits in groups of four, as printed")
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
