/// An instant, in milliseconds since 1970-01-01T00:00:00Z.
///
/// Entries carry time as RFC 3339 UTC with milliseconds
/// (`2026-11-23T00:30:00.000Z`); activities carry it with the local offset
/// (`2026-11-23T08:30:00+08:00`). Formatting and parsing are hand-written
/// (civil-from-days) so that Core needs no locale, calendar or formatter.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) { self.millisecondsSince1970 = millisecondsSince1970 }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.millisecondsSince1970 < b.millisecondsSince1970 }

    /// RFC 3339 in UTC with milliseconds: `2026-11-23T00:30:00.000Z`.
    public var rfc3339: String {
        var out: [UInt8] = []
        writeRFC3339(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``rfc3339`` to `out` without building strings: entries carry
    /// a time each, and this runs for every one written or verified.
    public func writeRFC3339(into out: inout [UInt8]) {
        _ = spellRFC3339 { byte in
            out.append(byte)
            return true
        }
    }

    /// Whether `bytes` are exactly what ``writeRFC3339(into:)`` writes,
    /// compared in place: a stored time is checked canonical this way for
    /// every entry read, and writing it out to compare was an allocation each.
    public func isSpelledRFC3339(by bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        return spellRFC3339 { byte in
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        } && i == bytes.count
    }

    /// Hands each byte of `YYYY-MM-DDTHH:MM:SS.mmmZ` to `put` in turn, and
    /// stops (returning `false`) the first time `put` does.
    private func spellRFC3339(_ put: (UInt8) -> Bool) -> Bool {
        let (days, msOfDay) = millisecondsSince1970.floorDivided(by: 86_400_000)
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        let seconds = msOfDay / 1000
        func digits(_ n: Int64, _ width: Int) -> Bool {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var n = n
            while divisor > 0 {
                guard put(UInt8(ascii: "0") + UInt8(n / divisor % 10)) else { return false }
                n %= divisor
                divisor /= 10
            }
            return true
        }
        return digits(y, 4) && put(UInt8(ascii: "-")) && digits(m, 2) && put(UInt8(ascii: "-")) && digits(d, 2) && put(UInt8(ascii: "T"))
            && digits(seconds / 3600, 2) && put(UInt8(ascii: ":")) && digits(seconds / 60 % 60, 2) && put(UInt8(ascii: ":"))
            && digits(seconds % 60, 2) && put(UInt8(ascii: ".")) && digits(msOfDay % 1000, 3) && put(UInt8(ascii: "Z"))
    }

    public var description: String { rfc3339 }

    /// RFC 3339 at a fixed offset, e.g. +08:00 for the district's local time.
    public func format(offsetMinutes: Int) -> String {
        let local = millisecondsSince1970 + Int64(offsetMinutes) * 60_000
        let (days, msOfDay) = local.floorDivided(by: 86_400_000)
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        let seconds = msOfDay / 1000
        let text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(msOfDay % 1000, 3))"
        if offsetMinutes == 0 { return text + "Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return text + "\(sign)\(pad(Int64(magnitude / 60), 2)):\(pad(Int64(magnitude % 60), 2))"
    }

    /// Parses RFC 3339 (`Z` or `±hh:mm`, optional fraction up to milliseconds precision
    /// kept; further digits must be zero). Instants from 1970-01-01T00:00:00Z to year 9999.
    public init?(rfc3339 text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Timestamp(rfc3339UTF8: $0) }) else { return nil }
        self = parsed
    }

    /// The same, from UTF-8 bytes (the scanner reads times in place).
    init?(rfc3339UTF8 b: UnsafeBufferPointer<UInt8>) {
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= b.count else { return nil }
            var n: Int64 = 0
            for i in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) else { return nil }
                n = n * 10 + Int64(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            year >= 1970, (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var i = 19
        var millis: Int64 = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) {
                let digit = Int64(b[i] - UInt8(ascii: "0"))
                if i - start < 3 { millis = millis * 10 + digit } else if digit != 0 { return nil }
                i += 1
            }
            guard i > start else { return nil }
            for _ in 0..<max(0, 3 - (i - start)) { millis *= 10 }
        }
        var offset: Int64 = 0
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else {
            guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
                let oh = number(i + 1..<i + 3), let om = number(i + 4..<i + 6), oh < 24, om < 60
            else { return nil }
            offset = (oh * 60 + om) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        }
        guard i == b.count else { return nil }
        let days = CivilCalendar.days(fromCivil: year, month, day)
        let local = ((days * 24 + hour) * 60 + minute) * 60 + second
        millisecondsSince1970 = (local - offset * 60) * 1000 + millis
        guard millisecondsSince1970 >= 0 else { return nil }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let t = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not an RFC 3339 time like 2026-11-23T08:30:00+08:00"))
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }
}

private func pad(_ n: Int64, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension Int64 {
    /// Floor division and its non-negative remainder.
    public func floorDivided(by d: Int64) -> (Int64, Int64) {
        let q = self / d, r = self % d
        return r < 0 ? (q - 1, r + d) : (q, r)
    }
}

/// Where time comes from. Core never reads the system clock: a clock is passed in.
public protocol Clock: Sendable {
    func now() -> Timestamp
}
