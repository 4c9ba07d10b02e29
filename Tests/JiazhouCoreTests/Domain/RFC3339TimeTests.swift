import JiazhouCore
import Testing

/// The one RFC 3339 reader, which ledger timestamps and the rules' CEL
/// instants both read through.
@Suite("RFC 3339: one reader")
struct RFC3339TimeTests {
    /// Expected seconds computed with Python's `datetime`.
    @Test(arguments: [
        ("2026-11-23T08:30:00+08:00", Int64(1_795_393_800), Int32(0), 0),
        ("2026-11-23t00:30:00.25z", 1_795_393_800, 250_000_000, 2),
        ("0001-01-01T00:00:00Z", -62_135_596_800, 0, 0),
        ("1969-12-31T23:59:59.999999999Z", -1, 999_999_999, 9),
        ("9999-12-31T23:59:59-00:30", 253_402_302_599, 0, 0),
    ])
    func aTimeIsReadToItsInstantAndFraction(text: String, seconds: Int64, nanoseconds: Int32, digits: Int) throws {
        let time = try #require(RFC3339Time(text))
        #expect(time.seconds == seconds)
        #expect(time.nanoseconds == nanoseconds)
        #expect(time.fractionDigits == digits)
        #expect(!time.hasPrecisionBeyondNanoseconds)
    }

    @Test func digitsPastNanosecondsAreCountedAndTheirValueKept() throws {
        let zeros = try #require(RFC3339Time("2026-11-23T00:30:00.1234567890Z"))
        #expect(zeros.nanoseconds == 123_456_789 && zeros.fractionDigits == 10 && !zeros.hasPrecisionBeyondNanoseconds)
        let finer = try #require(RFC3339Time("2026-11-23T00:30:00.1234567891Z"))
        #expect(finer.hasPrecisionBeyondNanoseconds)
    }

    @Test(arguments: [
        "2026-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "2026-11-23T08:30:00", "2026-11-23T08:30:00.Z",
        "2026-11-23T08:30:00+0800", "2026-11-23T24:00:00Z", "2026-11-23 08:30:00Z", "",
    ])
    func aMalformedTimeIsNotRead(text: String) {
        #expect(RFC3339Time(text) == nil)
    }

    /// Timestamps narrow the reader to what a ledger keeps: from 1970, to
    /// the millisecond. An instant from 1970 written at an offset that puts
    /// its local day in 1969 is still from 1970.
    @Test func aLedgerTimestampIsAnRFC3339TimeFrom1970ToTheMillisecond() throws {
        #expect(Timestamp(rfc3339: "1969-12-31T23:30:00-01:00")?.rfc3339 == "1970-01-01T00:30:00.000Z")
        #expect(Timestamp(rfc3339: "1969-12-31T23:59:59.999Z") == nil)
        #expect(Timestamp(rfc3339: "2026-11-23T00:30:00.250000Z")?.rfc3339 == "2026-11-23T00:30:00.250Z")
        #expect(Timestamp(rfc3339: "2026-11-23T00:30:00.2500001Z") == nil)
        let time = try #require(RFC3339Time("2026-11-23T08:30:00.5+08:00"))
        #expect(Timestamp(time) == Timestamp(rfc3339: "2026-11-23T00:30:00.500Z"))
    }
}
