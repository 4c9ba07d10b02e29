/// The civil (calendar and clock) reading of an instant at a fixed offset:
/// what CEL's `getFullYear`, `getDayOfWeek`, `getHours`, … return.
struct CivilTime: Equatable {
    var year: Int64
    /// 1 ... 12.
    var month: Int64
    /// 1 ... 31.
    var day: Int64
    var hour: Int64
    var minute: Int64
    var second: Int64
    var millisecond: Int64
    /// 0 = Sunday ... 6 = Saturday.
    var dayOfWeek: Int64
    /// 0-based: 1 January is 0.
    var dayOfYear: Int64
}

extension Instant {
    /// The calendar and clock at `offsetSeconds` east of UTC.
    func civil(offsetSeconds: Int) -> CivilTime {
        let local = seconds + Int64(offsetSeconds)
        let (days, secondOfDay) = local.floorDivided(by: 86_400)
        let (y, m, d) = civilDate(fromDays: days)
        return CivilTime(
            year: y, month: m, day: d, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
            millisecond: Int64(nanos) / 1_000_000,
            // 1970-01-01 was a Thursday (4).
            dayOfWeek: (days + 4).floorDivided(by: 7).1,
            dayOfYear: days - JiazhouRules.days(fromCivil: y, 1, 1))
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`, valid for every year CEL allows).
func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (`civil_from_days`).
func civilDate(fromDays z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
}

func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
}

extension Int64 {
    /// Floor division and its non-negative remainder.
    func floorDivided(by d: Int64) -> (Int64, Int64) {
        let q = self / d, r = self % d
        return r < 0 ? (q - 1, r + d) : (q, r)
    }
}
