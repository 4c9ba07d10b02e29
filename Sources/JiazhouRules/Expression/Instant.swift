public import JiazhouCore

/// A CEL timestamp: an instant with nanosecond precision, from
/// 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z (CEL's range).
///
/// Separate from Core's millisecond ``Timestamp`` because CEL keeps
/// nanoseconds and years before 1970; ``init(_:)`` converts one into the other.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    /// Nanoseconds within the second, 0 ..< 1_000_000_000.
    public let nanos: Int32

    /// 0001-01-01T00:00:00Z.
    public static let minSeconds: Int64 = -62_135_596_800
    /// 9999-12-31T23:59:59Z.
    public static let maxSeconds: Int64 = 253_402_300_799

    /// An instant, or `nil` outside CEL's range or with nanoseconds out of 0 ..< 10^9.
    public init?(seconds: Int64, nanos: Int32 = 0) {
        guard (Self.minSeconds...Self.maxSeconds).contains(seconds), (0..<1_000_000_000).contains(nanos) else { return nil }
        self.seconds = seconds
        self.nanos = nanos
    }

    /// The same instant as a ledger ``Timestamp`` (always within range).
    public init(_ timestamp: Timestamp) {
        let (s, ms) = timestamp.millisecondsSince1970.quotientAndRemainder(dividingBy: 1000)
        seconds = ms < 0 ? s - 1 : s
        nanos = Int32(ms < 0 ? ms + 1000 : ms) * 1_000_000
    }

    public static func < (a: Instant, b: Instant) -> Bool { (a.seconds, a.nanos) < (b.seconds, b.nanos) }

    /// RFC 3339 in UTC, with as many fraction digits as needed:
    /// `2009-02-13T23:31:30Z`, `2009-02-13T23:31:30.123Z`.
    public var rfc3339: String {
        let t = civil(offsetSeconds: 0)
        var text = "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2))T\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))"
        if nanos > 0 {
            var fraction = pad(Int64(nanos), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    public var description: String { rfc3339 }

    /// Parses RFC 3339 (§5.6): `2026-11-23T08:30:00+08:00`, `…Z`, an optional
    /// fraction of up to nine digits. Years have four digits, so the range is
    /// CEL's; `nil` for anything else.
    public init?(rfc3339 text: String) {
        guard let time = RFC3339Time(text), time.fractionDigits <= 9 else { return nil }
        self.init(seconds: time.seconds, nanos: time.nanoseconds)
    }
}

func pad(_ n: Int64, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
