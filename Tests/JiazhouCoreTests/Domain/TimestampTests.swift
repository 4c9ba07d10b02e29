import JiazhouCore
import Testing

@Suite("Timestamp: RFC 3339")
struct TimestampTests {
    /// Expected instants computed with Python's `datetime`, independently of the civil-date code.
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_795_393_800_000, "2026-11-23T00:30:00.000Z"),
        (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),  // leap day in a leap year
        (951_825_600_000, "2000-02-29T12:00:00.000Z"),  // divisible by 400: leap
        (4_107_542_400_000, "2100-03-01T00:00:00.000Z"),  // divisible by 100 only: no Feb 29
        (1_798_761_599_999, "2026-12-31T23:59:59.999Z"),
        (1_798_761_600_000, "2027-01-01T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func utcFormattingAndParsingRoundTrip(milliseconds: Int64, text: String) {
        #expect(Timestamp(millisecondsSince1970: milliseconds).rfc3339 == text)
        #expect(Timestamp(rfc3339: text)?.millisecondsSince1970 == milliseconds)
    }

    @Test(arguments: [
        ("2026-11-23T08:30:00+08:00", Int64(1_795_393_800_000)),
        ("2026-11-22T19:30:00-05:00", 1_795_393_800_000),
        ("2026-11-23T00:30:00Z", 1_795_393_800_000),
        ("2026-11-23t00:30:00z", 1_795_393_800_000),  // RFC 3339 §5.6: T and Z may be lowercase
        ("2026-11-23T00:30:00-00:00", 1_795_393_800_000),
        ("2026-01-01T05:29:59.5+05:30", 1_767_225_599_500),
        ("1970-01-01T08:00:00+08:00", 0),
    ])
    func anOffsetTimeParsesToTheSameInstant(text: String, milliseconds: Int64) {
        #expect(Timestamp(rfc3339: text)?.millisecondsSince1970 == milliseconds)
    }

    @Test(arguments: [
        ("2026-11-23T00:30:00.5Z", Int64(500)),
        ("2026-11-23T00:30:00.05Z", 50),
        ("2026-11-23T00:30:00.123Z", 123),
        ("2026-11-23T00:30:00.1230Z", 123),  // digits past milliseconds may be given if zero
        ("2026-11-23T00:30:00.000000Z", 0),
    ])
    func fractionalSecondsAreReadToTheMillisecond(text: String, milliseconds: Int64) {
        #expect(Timestamp(rfc3339: text)?.millisecondsSince1970 == 1_795_393_800_000 + milliseconds)
    }

    @Test(arguments: [
        (480, "2026-11-23T08:30:00.250+08:00"),
        (-300, "2026-11-22T19:30:00.250-05:00"),
        (330, "2026-11-23T06:00:00.250+05:30"),
        (0, "2026-11-23T00:30:00.250Z"),
    ])
    func formattingAtAnOffsetGivesLocalTimeAndParsesBack(offsetMinutes: Int, text: String) {
        let instant = Timestamp(millisecondsSince1970: 1_795_393_800_250)
        #expect(instant.format(offsetMinutes: offsetMinutes) == text)
        #expect(Timestamp(rfc3339: text) == instant)
    }

    @Test(arguments: [
        "2026-02-30T00:00:00Z",  // no 30 February
        "2026-02-29T00:00:00Z",  // 2026 is not a leap year
        "2100-02-29T00:00:00Z",  // nor is 2100
        "2026-04-31T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-10T00:00:00Z",
        "2026-01-00T00:00:00Z",
        "2026-01-01T24:00:00Z",  // hour 24
        "2026-01-01T23:60:00Z",
        "2026-01-01T08:30:00",  // no offset
        "2026-01-01T08:30:00.000",  // no offset after a fraction
        "2026-01-01",
        "2026-01-01T08:30:00+08",
        "2026-01-01T08:30:00+0800",
        "2026-01-01T08:30:00+24:00",
        "2026-01-01T08:30:00+08:60",
        "2026-01-01T08:30:00.Z",  // empty fraction
        "2026-01-01T08:30:00.1234Z",  // precision beyond milliseconds is not kept
        "2026-01-01T08:30:00Z ",
        "2026-1-01T08:30:00Z",
        "2026-01-01X08:30:00Z",
        "1969-12-31T23:59:59Z",  // before 1970
        "２０２６-01-01T08:30:00Z",  // fullwidth digits
        "",
    ])
    func aMalformedOrImpossibleTimeIsRejected(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func timestampsOrderByInstantNotByText() throws {
        let early = try #require(Timestamp(rfc3339: "2026-11-23T08:30:00+08:00"))
        let late = try #require(Timestamp(rfc3339: "2026-11-23T01:00:00Z"))
        // As text, "…08:30:00+08:00" sorts after "…01:00:00Z"; as instants it is earlier.
        #expect(early < late)
    }
}
