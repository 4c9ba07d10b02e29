public import JiazhouCore

/// A one-time redemption code: 40 random bits as 8 characters of
/// Crockford's base32 (no I, L, O or U, so nothing reads as 1, 0 or V),
/// shown as two groups, `K7QD-3M9X`: short enough to read out at a till or
/// to type, and rendered as a QR code by the app.
///
/// What the till types is forgiving, as Crockford intends: case, spaces and
/// dashes do not matter, `I`/`L` read as 1 and `O` as 0. The ledger keeps
/// only the SHA-256 of the 8 canonical characters.
public struct RedemptionCode: Sendable, Equatable, CustomStringConvertible {
    /// The 8 canonical characters, without the dash.
    public let characters: String

    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    static let length = 8
    /// 40 bits: with codes living minutes, guessing a live one is hopeless
    /// (one live code in 2^40 per guess), and the table stays collision-free
    /// in practice (a rare collision draws again).
    static let randomBytes = 5

    /// Every text ``init(typed:)`` accepts, as an ECMA-262 regular expression
    /// (the OpenAPI schema's `pattern`): 8 characters of the alphabet, either
    /// case, `I`, `L` and `O` among them, with spaces and dashes anywhere.
    public static let pattern = "^[ -]*(?:[0-9A-TV-Za-tv-z][ -]*){8}$"

    /// The code of 5 random bytes.
    init(randomBytes bytes: [UInt8]) {
        precondition(bytes.count == Self.randomBytes)
        var bits = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var out = [UInt8](repeating: 0, count: Self.length)
        for index in stride(from: Self.length - 1, through: 0, by: -1) {
            out[index] = Self.alphabet[Int(bits & 31)]
            bits >>= 5
        }
        characters = String(decoding: out, as: UTF8.self)
    }

    /// A code as a person typed it; `nil` if it cannot be one.
    public init?(typed text: String) {
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: " "): continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"): out.append(Self.canonical(byte - 32))
            default: out.append(Self.canonical(byte))
            }
            guard out.count <= Self.length else { return nil }
        }
        guard out.count == Self.length, out.allSatisfy(Self.alphabet.contains) else { return nil }
        characters = String(decoding: out, as: UTF8.self)
    }

    private static func canonical(_ upper: UInt8) -> UInt8 {
        switch upper {
        case UInt8(ascii: "I"), UInt8(ascii: "L"): UInt8(ascii: "1")
        case UInt8(ascii: "O"): UInt8(ascii: "0")
        default: upper
        }
    }

    /// `K7QD-3M9X`: as shown to the volunteer.
    public var description: String { "\(characters.prefix(4))-\(characters.suffix(4))" }

    /// What the ledger stores and a redemption records (`code_hash`).
    public var hash: Hash { TreeHasher.sha256(Array(characters.utf8)) }
}
