/// The one reader of RFC 3339 times (§5.6): `2026-11-23T08:30:00+08:00`,
/// `…Z`, `T` and `Z` in either case, an optional fraction of any length.
///
/// Ledger ``Timestamp``s (milliseconds, from 1970) and the rules' CEL
/// instants (nanoseconds, from year 1) both read through it and differ only
/// in what they then accept, so one calendar check and one offset rule
/// serve both.
public struct RFC3339Time: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z, negative before it.
    public let seconds: Int64
    /// The fraction's first nine digits, as nanoseconds.
    public let nanoseconds: Int32
    /// How many fraction digits the text gave (0 without a fraction).
    public let fractionDigits: Int
    /// Whether a fraction digit past the ninth is not zero.
    public let hasPrecisionBeyondNanoseconds: Bool

    /// The time `text` spells, or `nil` if it is not RFC 3339 with a
    /// four-digit year from 0001 and a real calendar day.
    public init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ RFC3339Time(utf8: $0) }) else { return nil }
        self = parsed
    }

    /// The same, from UTF-8 bytes read in place (the entry scanner's times).
    public init?(utf8 b: UnsafeBufferPointer<UInt8>) {
        func number(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= b.count else { return nil }
            var n: Int64 = 0
            for i in from..<from + count {
                guard b[i].isASCIIDigit else { return nil }
                n = n * 10 + Int64(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] | 0x20 == UInt8(ascii: "t"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            year >= 1, (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var i = 19
        var nanoseconds: Int64 = 0
        var fractionDigits = 0
        var beyond = false
        if b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, b[i].isASCIIDigit {
                let digit = Int64(b[i] - UInt8(ascii: "0"))
                if fractionDigits < 9 { nanoseconds = nanoseconds * 10 + digit } else if digit != 0 { beyond = true }
                fractionDigits += 1
                i += 1
            }
            guard fractionDigits > 0 else { return nil }
            for _ in 0..<max(0, 9 - fractionDigits) { nanoseconds *= 10 }
        }
        guard i < b.count else { return nil }
        var offsetSeconds: Int64 = 0
        if b[i] | 0x20 == UInt8(ascii: "z") {
            i += 1
        } else {
            guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
                let oh = number(i + 1, 2), let om = number(i + 4, 2), oh < 24, om < 60
            else { return nil }
            offsetSeconds = (oh * 60 + om) * 60 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        }
        guard i == b.count else { return nil }
        let local = ((CivilCalendar.days(fromCivil: year, month, day) * 24 + hour) * 60 + minute) * 60 + second
        seconds = local - offsetSeconds
        self.nanoseconds = Int32(nanoseconds)
        self.fractionDigits = fractionDigits
        hasPrecisionBeyondNanoseconds = beyond
    }
}

extension UInt8 {
    fileprivate var isASCIIDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
}
