import JiazhouCore
@testable import JiazhouRules
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2026-11-23T08:30:00+08:00", "2026-11-23T00:30:00Z"),
        ("2026-11-23T00:30:00.5Z", "2026-11-23T00:30:00.5Z"),
        ("2026-11-23T00:30:00.123456789z", "2026-11-23T00:30:00.123456789Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        ("9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z"),
        ("1969-12-31T23:59:59-00:30", "1970-01-01T00:29:59Z"),
        ("2024-02-29T12:00:00-05:00", "2024-02-29T17:00:00Z"),
    ])
    func rfc3339TextIsReadAndWrittenInUTC(text: String, utc: String) throws {
        #expect(try #require(Instant(rfc3339: text)).rfc3339 == utc)
    }

    @Test(arguments: [
        "2026-11-23", "2026-11-23T08:30:00", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-23T24:00:00Z",
        "2026-11-23T08:30:60Z", "2026-11-23T08:30:00+8:00", "0000-12-31T00:00:00Z", "0001-01-01T00:00:00+00:01",
        "10000-01-01T00:00:00Z", "2026-11-23T08:30:00.Z", "2026-11-23T08:30:00.1234567891Z", " 2026-11-23T08:30:00Z",
    ])
    func malformedOrOutOfRangeTextIsNotATimestamp(text: String) {
        #expect(Instant(rfc3339: text) == nil)
    }

    @Test func aLedgerTimestampConvertsExactly() throws {
        let ledger = try #require(Timestamp(rfc3339: "2026-11-23T00:30:00.250Z"))
        #expect(Instant(ledger).rfc3339 == "2026-11-23T00:30:00.25Z")
    }

    /// 2026-11-22 is a Sunday; 08:30 in Shizhong is 00:30 UTC, and 23:30 UTC
    /// on Saturday is already Sunday in Shizhong.
    @Test(arguments: [
        ("activity.start.getDayOfWeek('+08:00')", "0"),
        ("activity.start.getDayOfWeek('Asia/Shanghai')", "0"),
        ("activity.start.getHours('Asia/Shanghai')", "8"),
        ("activity.start.getHours()", "0"),
        ("activity.start.getMinutes('+08:00')", "30"),
        ("timestamp('2026-11-21T23:30:00Z').getDayOfWeek()", "6"),
        ("timestamp('2026-11-21T23:30:00Z').getDayOfWeek('PRC')", "0"),
        ("timestamp('2026-11-21T23:30:00Z').getDate('+08:00')", "22"),
        ("timestamp('2026-12-31T20:00:00Z').getFullYear('+08:00')", "2027"),
        ("timestamp('2026-12-31T20:00:00Z').getMonth('+08:00')", "0"),
        ("timestamp('2026-12-31T20:00:00Z').getDayOfYear('+08:00')", "0"),
        ("timestamp('2024-12-31T12:00:00Z').getDayOfYear()", "365"),
        ("timestamp('2026-01-01T00:00:00Z').getDayOfWeek('-00:01')", "3"),
        ("timestamp('0001-01-01T00:00:00Z').getDayOfWeek()", "1"),
        ("timestamp('2026-11-23T08:30:00.987Z').getMilliseconds()", "987"),
        ("activity.start < timestamp('2026-11-22T08:30:01+08:00')", "true"),
        ("activity.start.getDayOfWeek('+08:00') in [0, 6] && activity.start.getHours('+08:00') < 12", "true"),
    ])
    func accessorsReadTheCalendarAtTheGivenZone(source: String, value: String) throws {
        #expect(try Fixtures.outcome(source) == value)
    }

    @Test(arguments: [
        ("+08:00", 28800), ("-09:30", -34200), ("08:00", 28800), ("-00:00", 0), ("UTC", 0), ("Asia/Shanghai", 28800),
        ("Asia/Hong_Kong", 28800), ("Asia/Taipei", 28800),
    ] as [(String, Int)])
    func zonesAreFixedOffsetsOrKnownNames(zone: String, seconds: Int) {
        #expect(TimeZoneOffset.seconds(zone) == seconds)
    }

    @Test(arguments: ["Europe/Paris", "US/Central", "+8:00", "+24:00", "+08:60", "CST", "", "+0800"])
    func zonesWithDaylightSavingOrBadOffsetsAreRefused(zone: String) throws {
        #expect(TimeZoneOffset.seconds(zone) == nil)
        let bindings = Bindings(["zone": .string(zone)])
        #expect(try Fixtures.outcome("activity.start.getHours(zone)", checked: false, bindings: try Fixtures.facts.merging(bindings)) == "error:invalid_argument")
    }
}

extension Bindings {
    func merging(_ other: Bindings) -> Bindings {
        Bindings(values.merging(other.values) { $1 })
    }
}
