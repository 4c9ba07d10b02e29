/// What a redemption (`redeem`) and its reversal (a `reverse` of a `redeem`)
/// add to the figures the daily redemption limits are checked against.
///
/// A redemption records the day it counts in (`data.periods.day`, in the
/// rule set's zone); it adds its points to `redeem:DAY` of the volunteer who
/// spent them and of the merchant who took them. Its reversal records the
/// same day and takes them back, so a reversed redemption no longer counts.
extension Entry {
    /// The usage period prefix of redemptions: `redeem:2026-11-23`.
    public static let redemptionPeriodPrefix = "redeem:"

    /// Whether this entry reverses a redemption.
    public var isRedemptionReversal: Bool {
        kind == .reverse && data["reversed_kind"]?.stringValue == Kind.redeem.rawValue
    }

    /// The merchant a redemption paid (or its reversal takes back from): the
    /// other side of the volunteer's postings.
    public var redemptionMerchant: AccountID? {
        guard let volunteer = serviceVolunteer, let posting = postings.first else { return nil }
        return posting.from == volunteer ? posting.to : posting.from
    }

    /// The day a redemption (or its reversal) counts in: `data.periods.day`.
    public var redemptionDay: String? {
        if let redemption { return redemption.day }
        return data["periods"]?["day"]?.stringValue
    }

    var redemptionUsageDeltas: [UsageDelta] {
        guard let day = redemptionDay, let volunteer = serviceVolunteer, let merchant = redemptionMerchant else { return [] }
        let points = (kind == .redeem ? 1 : -1) * postings.reduce(0) { $0 + $1.points }
        let period = Self.redemptionPeriodPrefix + day
        return [
            UsageDelta(account: volunteer, period: period, points: points, minutes: 0),
            UsageDelta(account: merchant, period: period, points: points, minutes: 0),
        ]
    }
}
