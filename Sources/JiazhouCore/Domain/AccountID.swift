/// An account or principal id, `KIND:NAME`: `volunteer:V000123`,
/// `merchant:jiulongxiang-cafe`, `issuer:shizhong/tongjiang/baiyang`,
/// `sink:settled`, `coordinator:gw-baiyang-g01`, `operator:root`.
///
/// Accounts hold points (volunteer, merchant, issuer, sink); principals act
/// (coordinator, merchant, volunteer, operator). One type serves both because
/// volunteers and merchants are both.
public struct AccountID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case volunteer, merchant, issuer, sink, coordinator, `operator`

        /// The kind spelled by `bytes`, compared byte by byte: no String is
        /// made for the prefix of each id parsed.
        init?(utf8 bytes: Substring.UTF8View) {
            // Told apart by the first byte, then checked whole: comparing
            // against each kind's `rawValue` made a String per kind tried.
            let kind: Kind
            switch bytes.first {
            case UInt8(ascii: "v"): kind = .volunteer
            case UInt8(ascii: "m"): kind = .merchant
            case UInt8(ascii: "i"): kind = .issuer
            case UInt8(ascii: "s"): kind = .sink
            case UInt8(ascii: "c"): kind = .coordinator
            case UInt8(ascii: "o"): kind = .operator
            default: return nil
            }
            let spelling = kind.spelling
            guard bytes.count == spelling.utf8CodeUnitCount else { return nil }
            var i = 0
            for byte in bytes {
                guard byte == spelling.utf8Start[i] else { return nil }
                i += 1
            }
            self = kind
        }

        /// `rawValue` as a static string.
        private var spelling: StaticString {
            switch self {
            case .volunteer: "volunteer"
            case .merchant: "merchant"
            case .issuer: "issuer"
            case .sink: "sink"
            case .coordinator: "coordinator"
            case .operator: "operator"
            }
        }

        /// Whether accounts of this kind can hold points.
        public var holdsPoints: Bool { self != .coordinator && self != .operator }
        /// Whether a balance of this kind may never go below zero. Issuers go
        /// negative by design (points come from them); sinks only receive.
        public var isNonNegative: Bool { self == .volunteer || self == .merchant || self == .sink }
    }

    public let kind: Kind
    /// `KIND:NAME`, kept rather than built on each use: ids key every
    /// balance, usage and lot lookup and are written into every entry, and
    /// interpolating the text each time was a measurable share of an award.
    /// The only string kept: NAME is read from it (an id parsed for every
    /// posting verified made a second string, on the heap for long names).
    public let text: String

    /// NAME, after `KIND:`.
    public var name: String { String(text[text.utf8.index(text.startIndex, offsetBy: kind.rawValue.utf8.count + 1)...]) }

    /// Longest NAME after `KIND:`, in bytes (an issuer's is a scope instead);
    /// the whole id is also within ``Limits/accountIDBytes``.
    public static let maxNameBytes = 120
    /// The bytes NAME is made of (`/` too for issuers, as their scope's).
    public static let nameCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"

    /// The system sinks.
    public static let expiredSink = AccountID(unchecked: .sink, "expired")
    public static let settledSink = AccountID(unchecked: .sink, "settled")
    /// The principal `init` creates, who may do everything.
    public static let rootOperator = AccountID(unchecked: .operator, "root")

    /// Parses `KIND:NAME`. NAME is 1–120 of `A-Z a-z 0-9 . _ -`, and `/` between
    /// segments for issuers, whose name is the scope they pay for.
    public init(_ text: String) throws(LedgerError) {
        // By UTF-8 code unit, not by Character: ids are parsed for every
        // posting of every entry verified, and grapheme breaking cost more
        // than the rest of the parse.
        guard text.utf8.count <= Limits.accountIDBytes, let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")),
            let kind = Kind(utf8: text.utf8[..<colon])
        else {
            throw LedgerError(.invalid_request, "\"\(text.prefix(80))\" is not an account id like volunteer:V000123 (kinds: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard Self.isValidName(text.utf8[text.utf8.index(after: colon)...], kind: kind) else {
            throw LedgerError(.invalid_request, "\"\(text.prefix(80))\": the name after \"\(kind.rawValue):\" must be letters, digits, '.', '_' or '-'\(kind == .issuer ? " (a scope path for issuers)" : "")")
        }
        self.kind = kind
        self.text = text
    }

    public init(unchecked kind: Kind, _ name: String) {
        self.kind = kind
        self.text = kind.rawValue + ":" + name
    }

    static func isValidName(_ name: Substring.UTF8View, kind: Kind) -> Bool {
        if kind == .issuer { return Scope.isValidPath(name) }
        return !name.isEmpty && name.count <= maxNameBytes && name.allSatisfy { nameByte.contains($0) }
    }

    /// `A-Z a-z 0-9 . _ -` as one table lookup a byte: every id of every
    /// entry decoded is checked, and a chain of range tests per byte was a
    /// tenth of decoding an award.
    private static let nameByte = ByteSet(nameCharacters)

    /// The issuer that pays for awards made in `scope`.
    public static func issuer(for scope: Scope) -> AccountID { AccountID(unchecked: .issuer, scope.path) }

    public var description: String { text }

    public static func < (a: AccountID, b: AccountID) -> Bool { a.text < b.text }

    // The text determines kind and name: equality and hashing need only it.
    public static func == (a: AccountID, b: AccountID) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try AccountID(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// A set of bytes as a 256-bit mask: membership is a shift and an and.
struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ members: String) {
        for byte in members.utf8 {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }
}
