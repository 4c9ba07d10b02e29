import JiazhouCore

/// Reads a volunteer cell: `V000123`, or the account id `volunteer:V000123`.
/// A name shaped like a mobile or ID-card number is refused: account ids are
/// written into the chain, and personal data never is.
enum VolunteerCell {
    enum Outcome: Equatable {
        case volunteer(AccountID)
        /// An account id of another kind (`merchant:…`): named so the message can say so.
        case otherKind(String)
        /// A mobile or ID-card number: well-formed as a name, but personal
        /// data, which must never become an account id in the chain.
        case personalData(String)
        case notAnID
    }

    private static let prefix = Array("volunteer:".utf8)

    static func read(_ cell: UnsafeBufferPointer<UInt8>) -> Outcome {
        if cell.contains(where: { $0 >= 0x80 }) {
            // Full-width ｖ０００１２３ or a full-width colon, typed with a Chinese input method.
            let folded = CellText.foldingFullWidth(cell)
            guard !folded.contains(where: { $0 >= 0x80 }) else { return .notAnID }
            return folded.withUnsafeBufferPointer { readASCII($0) }
        }
        return readASCII(cell)
    }

    private static func readASCII(_ cell: UnsafeBufferPointer<UInt8>) -> Outcome {
        var name = cell[...]
        if cell.starts(with: prefix) {
            name = cell[prefix.count...]
        } else if let colon = cell.firstIndex(of: UInt8(ascii: ":")) {
            let kind = String(decoding: cell[..<colon], as: UTF8.self)
            return AccountID.Kind(rawValue: kind) == nil ? .notAnID : .otherKind(kind)
        }
        guard isValidName(name) else { return .notAnID }
        if let kind = personalDataKind(name) { return .personalData(kind) }
        return .volunteer(AccountID(unchecked: .volunteer, String(decoding: name, as: UTF8.self)))
    }

    /// What personal number `name` looks like, if any: a mainland mobile
    /// number (11 digits starting with 1) or a resident ID-card number (17
    /// digits and a digit or X).
    private static func personalDataKind(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        let digits = name.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
        if name.count == 11, digits == 11, name.first == UInt8(ascii: "1") { return "a mobile number" }
        if name.count == 18, digits >= 17, digits == 18 || name.last == UInt8(ascii: "X") || name.last == UInt8(ascii: "x") {
            return "an ID-card number"
        }
        return nil
    }

    /// Longest name: `volunteer:NAME` is at most ``JiazhouCore/Limits/accountIDBytes``.
    private static let nameBytes = min(120, Limits.accountIDBytes - prefix.count)

    /// AccountID's rule for a name (`AccountID.init(_:)`): 1–120 of
    /// `A-Z a-z 0-9 . _ -`, the whole id within its limit. Checked here on
    /// the bytes, without building the `volunteer:` text a million times; a
    /// test holds the two rules equal.
    static func isValidName(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard (1...nameBytes).contains(name.count) else { return false }
        for byte in name {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                continue
            default:
                return false
            }
        }
        return true
    }
}
