import JiazhouCore

/// Excel's date and time serials as the text a CSV export shows: days since
/// the epoch of the workbook's date system, the time of day as a fraction.
///
/// The 1900 system counts 1900-01-01 as day 1 and has a day 60 for
/// 1900-02-29, a day that never was (Lotus 1-2-3's bug, kept by Excel for
/// compatibility: ECMA-376 Part 1, §18.17.4.1); from day 61 on, day n is
/// n days after 1899-12-30. The 1904 system counts 1904-01-01 as day 0.
enum SerialDate {
    /// The last serial Excel shows as a date: 9999-12-31.
    static let lastSerial = 2_958_465.0

    /// `serial` as `format` shows it, or `nil` if it is no date (negative, past 9999).
    static func text(_ serial: Double, _ format: NumberFormat, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial <= lastSerial + 1 else { return nil }
        let totalSeconds = Int64((serial * 86_400).rounded())
        if format == .elapsed { return clock(totalSeconds, hoursPastADay: true) }
        var day = totalSeconds / 86_400
        let secondOfDay = totalSeconds % 86_400
        let time = clock(secondOfDay, hoursPastADay: false)
        if format == .time { return time }
        if !date1904, day == 60 { return nil }  // 1900-02-29 does not exist
        // Days since 1970-01-01 of the serial's day.
        if date1904 {
            day += -24_107  // 1904-01-01
        } else {
            day += day < 60 ? -25_568 : -25_569  // 1899-12-31, or 1899-12-30 past the phantom day
        }
        let date = civil(day)
        return format == .date ? date : "\(date) \(time)"
    }

    /// `H:MM`, or `H:MM:SS` when the seconds are not 0; hours padded to two digits for a time of day.
    private static func clock(_ seconds: Int64, hoursPastADay: Bool) -> String {
        let hours = seconds / 3600, minutes = seconds / 60 % 60, rest = seconds % 60
        let head = hoursPastADay ? "\(hours)" : pad(hours)
        return rest == 0 ? "\(head):\(pad(minutes))" : "\(head):\(pad(minutes)):\(pad(rest))"
    }

    /// `YYYY-MM-DD` of a day counted from 1970-01-01.
    private static func civil(_ days: Int64) -> String {
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    private static func pad(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
