import JiazhouCore
import JiazhouSheets
import Testing

@Suite struct UnitDurationTests {
    @Test(arguments: [
        ("2小时", 120), ("2 h", 120), ("1.5h", 90), ("90分钟", 90), ("90 min", 90), ("1小时30分", 90), ("2:30", 150),
        ("２小时", 120), ("1小时30分钟", 90), ("1h30m", 90), ("2个小时", 120), ("45分", 45), ("0.1 hours", 6), ("2：30", 150),
        ("24小时", 1440), ("8:00:00", 480), ("1.5 H", 90),
    ])
    func durationsAreReadWithTheirUnits(cell: String, minutes: Int64) throws {
        let report = try Sheets.read("志愿者编号,服务时长\nV000001,\(cell)\n")
        #expect(Sheets.places(report) == [])
        #expect(report.rows.map(\.minutes) == [minutes])
    }

    @Test(arguments: [
        ("2", "2 B bad_minutes", "say 小时 or 分钟"),
        ("90", "2 B bad_minutes", "say 小时 or 分钟"),
        ("2026-11-23", "2 B bad_minutes", "a date where minutes belong"),
        ("2026/11/23 08:30", "2 B bad_minutes", "a date where minutes belong"),
        ("25小时", "2 B minutes_out_of_range", "24 hours"),
        ("0分钟", "2 B minutes_out_of_range", "24 hours"),
        ("1.51h", "2 B bad_minutes", "whole number of minutes"),
        ("30分1小时", "2 B bad_minutes", "not a duration"),
        ("两小时", "2 B bad_minutes", "not a duration"),
        ("2:3", "2 B bad_minutes", "not a duration"),
        ("", "2 B missing_value", "2小时"),
    ])
    func aDurationWithoutItsUnitOrOutOfRangeIsRefusedByRow(cell: String, place: String, says: String) throws {
        let report = try Sheets.read("志愿者编号,服务时长\nV000001,\(cell)\nV000002,1小时\n")
        #expect(Sheets.places(report) == [place])
        #expect(report.problems.first?.message.contains(says) == true, "\(report.problems)")
        #expect(report.rows.map(\.volunteer.name) == ["V000002"])
    }
}
