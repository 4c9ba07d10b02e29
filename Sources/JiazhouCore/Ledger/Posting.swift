/// One movement of points between two accounts, inside an entry. Double
/// entry: every point leaves one account and arrives in another, so the sum
/// over all accounts is always zero.
public struct Posting: Sendable, Hashable, Codable {
    public var from: AccountID
    public var to: AccountID
    /// Always positive and within 2^53.
    public var points: Int64

    /// A posting, validated: positive points within 2^53, two different
    /// accounts that can hold points.
    public init(from: AccountID, to: AccountID, points: Int64) throws(LedgerError) {
        guard points > 0, points <= Int64(Limits.maxSafeInteger) else {
            throw LedgerError(.invalid_request, "points must be a whole number from 1 to 2^53, not \(points)")
        }
        guard from != to else { throw LedgerError(.invalid_request, "a posting cannot move points from \(from) to itself") }
        // Each in turn, not `for account in [from, to]`: that array was an
        // allocation per posting read.
        if !from.kind.holdsPoints { throw Self.notHoldingPoints(from) }
        if !to.kind.holdsPoints { throw Self.notHoldingPoints(to) }
        self.from = from
        self.to = to
        self.points = points
    }

    private static func notHoldingPoints(_ account: AccountID) -> LedgerError {
        LedgerError(.invalid_request, "\(account) is a principal, not an account that holds points")
    }

    var json: JSONValue {
        ["from": .string(from.text), "to": .string(to.text), "points": .integer(points)]
    }

    init(json: JSONValue) throws(LedgerError) {
        guard case .object(let o) = json, o.count == 3, let from = o["from"]?.stringValue, let to = o["to"]?.stringValue,
            let points = o["points"]?.integerValue
        else { throw LedgerError(.invalid_request, "a posting is exactly {from, to, points}") }
        try self.init(from: AccountID(from), to: AccountID(to), points: points)
    }
}
