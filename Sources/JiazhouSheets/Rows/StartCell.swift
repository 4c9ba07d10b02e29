import Foundation
import JiazhouCore

/// Reads a start cell: RFC 3339 (`2026-11-23T08:30:00+08:00`), kept as
/// written, or a local time as spreadsheets show it (`2026-11-23 08:30`,
/// `2026/11/23 8:30`, `2026年11月23日 8:30`, seconds optional), given the
/// sheet's UTC offset.
enum StartCell {
    /// RFC 3339 with an offset, or `nil` if the cell is not a time.
    static func read(_ text: String, utcOffsetMinutes: Int) -> String? {
        if Timestamp(rfc3339: text) != nil { return text }
        var folded = String(decoding: CellText.foldingFullWidth(Array(text.utf8)), as: UTF8.self)
        if folded.contains("年") {
            // A date typed as text the Chinese way: 2026年11月23日 8:30.
            folded = folded.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-").replacingOccurrences(of: "日", with: " ")
        }
        guard let local = LocalTime(folded) else { return nil }
        let rfc3339 = local.rfc3339(utcOffsetMinutes: utcOffsetMinutes)
        return Timestamp(rfc3339: rfc3339) != nil ? rfc3339 : nil  // Timestamp checks the calendar
    }
}

/// `YYYY-M-D H:MM[:SS]`, with `-` or `/` in the date and a space or `T` before the time.
private struct LocalTime {
    var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0

    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        func number(_ digits: ClosedRange<Int>) -> Int? {
            let run = bytes.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard digits.contains(run.count) else { return nil }
            bytes = bytes.dropFirst(run.count)
            return run.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        func skip(_ allowed: Set<UInt8>, atLeast: Int = 1, atMost: Int = 1) -> UInt8? {
            let run = bytes.prefix { allowed.contains($0) }
            guard (atLeast...atMost).contains(run.count), let first = run.first else { return nil }
            bytes = bytes.dropFirst(run.count)
            return first
        }
        guard let year = number(4...4), let separator = skip([UInt8(ascii: "-"), UInt8(ascii: "/")]),
            let month = number(1...2), skip([separator]) != nil, let day = number(1...2),
            skip([UInt8(ascii: " "), UInt8(ascii: "T")], atMost: 8) != nil,
            let hour = number(1...2), skip([UInt8(ascii: ":")]) != nil, let minute = number(2...2)
        else { return nil }
        if !bytes.isEmpty {
            guard skip([UInt8(ascii: ":")]) != nil, let second = number(2...2), bytes.isEmpty else { return nil }
            self.second = second
        }
        (self.year, self.month, self.day, self.hour, self.minute) = (year, month, day, hour, minute)
    }

    func rfc3339(utcOffsetMinutes: Int) -> String {
        func pad(_ n: Int, _ width: Int = 2) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let offset = abs(utcOffsetMinutes)
        return "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second))\(sign)\(pad(offset / 60)):\(pad(offset % 60))"
    }
}
