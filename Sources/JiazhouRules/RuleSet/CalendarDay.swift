import JiazhouCore

/// A civil date, the unit that daily caps count in, with the keys of the
/// week and month it belongs to.
struct CalendarDay: Equatable {
    /// Days since 1970-01-01.
    let days: Int64
    let year: Int64
    let month: Int64
    let day: Int64

    init(days: Int64) {
        self.days = days
        (year, month, day) = CivilCalendar.civil(fromDays: days)
    }

    /// The day at `offsetSeconds` east of UTC when it is `time` there.
    init(_ time: Timestamp, offsetSeconds: Int) {
        let local = time.millisecondsSince1970 + Int64(offsetSeconds) * 1000
        self.init(days: local.floorDivided(by: 86_400_000).0)
    }

    /// Exactly `YYYY-MM-DD`, a date that exists.
    init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var n: Int64 = 0
            for i in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) else { return nil }
                n = n * 10 + Int64(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), y >= 1, (1...12).contains(m),
            (1...CivilCalendar.daysIn(month: m, year: y)).contains(d)
        else { return nil }
        self.init(days: CivilCalendar.days(fromCivil: y, m, d))
    }

    /// 0 = Sunday … 6 = Saturday, as CEL's `getDayOfWeek`.
    var weekday: Int64 { (days + 4).floorDivided(by: 7).1 }

    /// `2026-11-23`.
    var text: String { Self.format(year, "-", month, "-", day) }

    /// `2026-11`.
    var monthText: String { Self.format(year, "-", month) }

    /// `2026-W48`: ISO 8601 week, Monday first; the week belongs to the year
    /// of its Thursday.
    var isoWeekText: String {
        let isoWeekday = weekday == 0 ? 7 : weekday
        let thursday = CalendarDay(days: days - isoWeekday + 4)
        let week = (thursday.days - CivilCalendar.days(fromCivil: thursday.year, 1, 1)) / 7 + 1
        return Self.format(thursday.year, "-W", week)
    }

    /// A four-digit year and two-digit parts, written as bytes: periods are
    /// named for every award priced, and string interpolation cost more
    /// than the rest of the pricing.
    private static func format(_ year: Int64, _ separator: StaticString, _ part: Int64, _ separator2: StaticString = "", _ part2: Int64 = -1) -> String {
        // At most 10 bytes: a small string, written in place with no buffer on the heap.
        String(unsafeUninitializedCapacity: 10) { bytes in
            var count = 0
            func put(_ byte: UInt8) {
                bytes[count] = byte
                count += 1
            }
            func put(_ text: StaticString) { text.withUTF8Buffer { for byte in $0 { put(byte) } } }
            func put(digits value: Int64, _ width: Int64) {
                var unit: Int64 = width
                while unit > 0 {
                    put(UInt8(48 + value / unit % 10))
                    unit /= 10
                }
            }
            put(digits: year, 1000)
            put(separator)
            put(digits: part, 10)
            if part2 >= 0 {
                put(separator2)
                put(digits: part2, 10)
            }
            return count
        }
    }
}
