public import JiazhouCore
public import JiazhouRules

extension PricingInput {
    /// A pricing for `volunteer:V000001` of the baiyang grid, with `tags`,
    /// `usage` already counted and `budget`, awarded the Monday evening after
    /// 2026-11-23 (so that only the rules the activity itself meets fire).
    public static func plain(
        _ activity: Activity, tags: [String] = [], minutesBefore: Int64 = 0, usage: Usage = Usage(), budget: Int64? = nil,
        awardTime: Timestamp = Timestamp(rfc3339: "2026-11-23T12:00:00.000Z")!
    ) -> PricingInput {
        PricingInput(
            activity: activity,
            volunteer: VolunteerFacts(id: TestLedger.volunteer(1), scope: TestLedger.baiyangGrid, tags: tags, minutes: minutesBefore),
            usage: usage, budget: budget, awardTime: awardTime)
    }
}
