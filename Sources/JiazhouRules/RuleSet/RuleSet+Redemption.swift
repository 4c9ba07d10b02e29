public import JiazhouCore

extension RuleSet {
    /// The calendar day (`2026-11-23`, in the rule set's zone) that a
    /// redemption at `time` counts in for the daily redemption limits.
    public func redemptionDay(at time: Timestamp) -> String {
        CalendarDay(time, offsetSeconds: utcOffsetSeconds).text
    }

    /// When a redemption code issued at `time` stops being accepted.
    public func redemptionCodeExpiry(issuedAt time: Timestamp) -> Timestamp {
        Timestamp(millisecondsSince1970: time.millisecondsSince1970 + redemption.codeMinutes * 60_000)
    }

    /// The calendar day (in the rule set's zone) that a transfer at `time`
    /// counts in for the daily transfer limits.
    public func transferDay(at time: Timestamp) -> String {
        CalendarDay(time, offsetSeconds: utcOffsetSeconds).text
    }
}
