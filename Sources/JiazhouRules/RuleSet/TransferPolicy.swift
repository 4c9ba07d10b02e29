public import JiazhouCore

/// Whether, and how far, a volunteer may give spendable points to another
/// volunteer (积分转赠: to an elderly relative, as time banks allow).
///
/// ```yaml
/// transfer:
///   allowed: true
///   giver_day_points: 200        # a volunteer gives at most this a day
///   recipient_day_points: 500    # and receives at most this a day
///   to_tags: [silver_age, 银龄]   # the recipient carries one of these (absent: any volunteer)
/// ```
///
/// A rule set without a `transfer` section allows no transfers: gifting
/// points is the district's decision, not a default.
public struct TransferPolicy: Sendable, Equatable {
    public var allowed: Bool
    /// Points one volunteer may give in a day (in the rule set's zone); `nil`: no limit.
    public var giverDayPoints: Int64?
    /// Points one volunteer may receive in a day; `nil`: no limit. It keeps
    /// many givers from pooling their points in one account.
    public var recipientDayPoints: Int64?
    /// The recipient must carry at least one of these tags; `nil`: any volunteer.
    public var toTags: [String]?

    public init(allowed: Bool = false, giverDayPoints: Int64? = nil, recipientDayPoints: Int64? = nil, toTags: [String]? = nil) {
        self.allowed = allowed
        self.giverDayPoints = giverDayPoints
        self.recipientDayPoints = recipientDayPoints
        self.toTags = toTags
    }

    /// Whether a volunteer with `tags` may receive a transfer under this policy.
    public func mayReceive(tags: [String]) -> Bool {
        guard let toTags else { return true }
        return tags.contains { toTags.contains($0) }
    }
}
