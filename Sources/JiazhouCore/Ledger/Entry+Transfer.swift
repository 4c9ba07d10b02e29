/// What a `transfer` (a volunteer giving spendable points to another
/// volunteer) and its reversal do to the lots and to the figures the
/// rule set's daily transfer limits are checked against.
///
/// A transfer takes its points from the giver's lots (`data.lots`, oldest
/// first, as a redemption does) and opens one lot for the recipient, keyed
/// by the transfer's own seq, with the dates in `data.lot`. Its reversal
/// takes that lot back whole and puts the points back into the giver's
/// very lots. Service minutes and earned points never move: hours are the
/// record of service, not a currency.
extension Entry {
    /// The usage period prefix of points a volunteer gave: `transfer-out:2026-11-23`.
    public static let transferOutPeriodPrefix = "transfer-out:"
    /// The usage period prefix of points a volunteer received: `transfer-in:2026-11-23`.
    public static let transferInPeriodPrefix = "transfer-in:"

    /// Whether this entry reverses a transfer.
    public var isTransferReversal: Bool {
        kind == .reverse && data["reversed_kind"]?.stringValue == Kind.transfer.rawValue
    }

    /// The giver and the recipient of a transfer (or of its reversal, as
    /// they were in the transfer): its one posting's sides.
    public var transferParties: (giver: AccountID, recipient: AccountID)? {
        guard postings.count == 1 else { return nil }
        return kind == .transfer ? (postings[0].from, postings[0].to) : (postings[0].to, postings[0].from)
    }

    /// `transfer-out:DAY` of the giver and `transfer-in:DAY` of the
    /// recipient (DAY = `data.periods.day`); a reversal takes them back.
    var transferUsageDeltas: [UsageDelta] {
        guard let day = data["periods"]?["day"]?.stringValue, let parties = transferParties else { return [] }
        let points = (kind == .transfer ? 1 : -1) * postings.reduce(0) { $0 + $1.points }
        return [
            UsageDelta(account: parties.giver, period: Self.transferOutPeriodPrefix + day, points: points, minutes: 0),
            UsageDelta(account: parties.recipient, period: Self.transferInPeriodPrefix + day, points: points, minutes: 0),
        ]
    }

    /// A transfer takes from the giver's lots and opens the recipient's; its
    /// reversal takes the recipient's lot (the transfer's seq) back whole and
    /// restores the giver's.
    var transferLotChanges: [LotChange] {
        guard let parties = transferParties else { return [] }
        let points = postings.reduce(0) { $0 + $1.points }
        if kind == .transfer {
            guard let lot = data["lot"], let available = lot["available"]?.stringValue.flatMap(Timestamp.init(rfc3339:)), points > 0 else {
                return recordedLots.map { .take(seq: $0.seq, points: $0.points) }
            }
            let expires = lot["expires"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
            return recordedLots.map { .take(seq: $0.seq, points: $0.points) }
                + [.open(seq: seq, volunteer: parties.recipient, points: points, available: available, expires: expires)]
        }
        guard let original = data["seq"]?.integerValue else { return [] }
        return [.take(seq: original, points: points)] + recordedLots.map { .restore(seq: $0.seq, points: $0.points) }
    }
}
