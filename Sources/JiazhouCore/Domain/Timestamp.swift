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

    /// Parses RFC 3339 (`Z` or `±hh:mm`, an optional fraction: digits past
    /// milliseconds may be given if zero). Instants from 1970-01-01T00:00:00Z
    /// to year 9999.
    public init?(rfc3339 text: String) {
        guard let time = RFC3339Time(text) else { return nil }
        self.init(time)
    }

    /// The same, from UTF-8 bytes (the scanner reads times in place).
    init?(rfc3339UTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let time = RFC3339Time(utf8: bytes) else { return nil }
        self.init(time)
    }

    /// `time` to the millisecond; `nil` before 1970 or with a fraction finer
    /// than milliseconds that is not zero (a ledger keeps milliseconds, and
    /// would otherwise round a time it was given).
    public init?(_ time: RFC3339Time) {
        guard time.seconds >= 0, time.nanoseconds % 1_000_000 == 0, !time.hasPrecisionBeyondNanoseconds else { return nil }
        millisecondsSince1970 = time.seconds * 1000 + Int64(time.nanoseconds / 1_000_000)
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
