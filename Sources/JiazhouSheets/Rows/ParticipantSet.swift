/// The first row of each (activity, volunteer) pair, to find a volunteer
/// listed twice for one activity.
///
/// Memory grows with the distinct pairs, at most one a data row, so it is
/// bounded by ``SheetOptions/maxDataRows``. A volunteer name of up to 8 bytes
/// (every id like `V000123`) takes one 16-byte slot of an open-addressing
/// table kept at most 3/4 full: about 32 MB for a million distinct
/// volunteers, 4 KiB for a clean-up of 200. Longer names go to a dictionary
/// (about 60 bytes a pair).
struct ParticipantSet {
    private var activityNumbers: [String: UInt32] = [:]
    private var packed = FirstRowTable()
    private var long: [LongKey: Int] = [:]

    private struct LongKey: Hashable {
        var activity: UInt32
        var volunteer: String
    }

    /// Distinct per-row activities seen.
    var activities: Int { activityNumbers.count }
    /// Distinct pairs held.
    var count: Int { packed.count + long.count }

    /// The earlier row of `volunteer` in `activity` (`nil`: the sheet's
    /// activity), or `nil` after recording `row` as the first.
    mutating func earlierRow(activity: String?, volunteer: String, row: Int) -> Int? {
        var number: UInt32 = 0
        if let activity {
            if let known = activityNumbers[activity] {
                number = known
            } else {
                number = UInt32(activityNumbers.count + 1)
                activityNumbers[activity] = number
            }
        }
        if let name = FirstRowTable.pack(volunteer) {
            return packed.earlierRow(name: name, activity: number, row: row)
        }
        let key = LongKey(activity: number, volunteer: volunteer)
        // One lookup on the common path; a duplicate (rare) puts the first row back.
        guard let earlier = long.updateValue(row, forKey: key) else { return nil }
        long[key] = earlier
        return earlier
    }
}
