import JiazhouCore

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
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        return CivilTime(
            year: y, month: m, day: d, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
            millisecond: Int64(nanos) / 1_000_000,
            // 1970-01-01 was a Thursday (4).
            dayOfWeek: (days + 4).floorDivided(by: 7).1,
            dayOfYear: days - CivilCalendar.days(fromCivil: y, 1, 1))
    }
}
