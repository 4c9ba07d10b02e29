import JiazhouCore

/// Reads a sign-in or sign-out cell: a time of day (`08:30`, `8:30:15`) or
/// a date and time as ``StartCell`` reads it (`2026-11-23 08:30`, RFC 3339).
enum SignTimeCell {
    enum Value: Equatable {
        /// A time of day, in seconds after midnight.
        case time(secondOfDay: Int64)
        /// A date and time: RFC 3339 with its offset, and the instant.
        case dateTime(rfc3339: String, milliseconds: Int64)
    }

    /// The cell's value, or `nil` if it is neither (the text is folded already).
    static func read(_ text: String, utcOffsetMinutes: Int) -> Value? {
        if let second = secondOfDay(text) { return .time(secondOfDay: second) }
        guard let rfc3339 = StartCell.read(text, utcOffsetMinutes: utcOffsetMinutes), let instant = Timestamp(rfc3339: rfc3339) else { return nil }
        return .dateTime(rfc3339: rfc3339, milliseconds: instant.millisecondsSince1970)
    }

    /// `H:MM` or `H:MM:SS`, from 00:00 to 23:59:59.
    static func secondOfDay(_ text: String) -> Int64? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), (1...2).contains(parts[0].count), parts.dropFirst().allSatisfy({ $0.count == 2 }),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let numbers = parts.map { Int64($0)! }
        guard numbers[0] < 24, numbers[1] < 60, numbers.count == 2 || numbers[2] < 60 else { return nil }
        return numbers[0] * 3600 + numbers[1] * 60 + (numbers.count == 3 ? numbers[2] : 0)
    }

    /// Seconds from sign-in to sign-out. A time without a date is on the
    /// other cell's date, or both on one day: a sheet whose service runs past
    /// midnight writes the dates.
    static func seconds(from signIn: Value, to signOut: Value, utcOffsetMinutes: Int) -> Int64 {
        switch (signIn, signOut) {
        case (.time(let a), .time(let b)):
            return b - a
        case (.dateTime(_, let a), .dateTime(_, let b)):
            return (b - a) / 1000
        case (.dateTime(let text, let a), .time(let b)):
            return (instant(onDateOf: text, secondOfDay: b, utcOffsetMinutes: utcOffsetMinutes) - a) / 1000
        case (.time(let a), .dateTime(let text, let b)):
            return (b - instant(onDateOf: text, secondOfDay: a, utcOffsetMinutes: utcOffsetMinutes)) / 1000
        }
    }

    /// The instant of a time of day on the local date that `rfc3339` starts with.
    private static func instant(onDateOf rfc3339: String, secondOfDay: Int64, utcOffsetMinutes: Int) -> Int64 {
        func pad(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let text = "\(rfc3339.prefix(10)) \(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))"
        let start = StartCell.read(text, utcOffsetMinutes: utcOffsetMinutes).flatMap(Timestamp.init(rfc3339:))
        return start?.millisecondsSince1970 ?? 0
    }
}
