/// The first row of each (activity, volunteer) pair, to find a volunteer
/// listed twice for one activity.
///
/// Memory grows with the distinct pairs: about 60 bytes each, one per valid
/// volunteer cell, so at most ``SheetOptions/maxDataRows`` entries — some
/// 64 MB at Excel's 1,048,575 rows of distinct volunteers, a few hundred
/// bytes for a clean-up of 200.
struct ParticipantSet {
    private struct Participant: Hashable {
        /// 0 for the sheet's own activity, else the per-row activity's number.
        var activity: Int
        var volunteer: String
    }

    private var activityNumbers: [String: Int] = [:]
    private var firstRows: [Participant: Int] = [:]

    /// Distinct per-row activities seen.
    var activities: Int { activityNumbers.count }
    /// Distinct pairs held.
    var count: Int { firstRows.count }

    /// The earlier row of `volunteer` in `activity` (`nil`: the sheet's
    /// activity), or `nil` after recording `row` as the first.
    mutating func earlierRow(activity: String?, volunteer: String, row: Int) -> Int? {
        var number: Int = 0
        if let activity {
            if let known = activityNumbers[activity] {
                number = known
            } else {
                number = activityNumbers.count + 1
                activityNumbers[activity] = number
            }
        }
        let key = Participant(activity: number, volunteer: volunteer)
        // One hash on the common path; a duplicate (rare) puts the first row back.
        guard let earlier = firstRows.updateValue(row, forKey: key) else { return nil }
        firstRows[key] = earlier
        return earlier
    }
}
