import JiazhouCore
import JiazhouSheets
import Testing

@Suite struct SignTimeTests {
    static let header = "志愿者编号,签到时间,签退时间\n"

    @Test(arguments: [
        ("08:30", "10:30", 120, nil as String?),
        ("8:30", "11:15:40", 165, nil),
        ("2026-11-23 08:30", "2026-11-23 10:00", 90, "2026-11-23T08:30:00+08:00"),
        ("2026-11-23 22:00", "2026-11-24 01:30", 210, "2026-11-23T22:00:00+08:00"),
        ("2026/11/23 8:30", "12:00", 210, "2026-11-23T08:30:00+08:00"),
        ("2026年11月23日 8:30", "2026年11月23日 9:00", 30, "2026-11-23T08:30:00+08:00"),
        ("2026-11-23T08:30:00+08:00", "2026-11-23T09:30:00+08:00", 60, "2026-11-23T08:30:00+08:00"),
    ])
    func signInAndSignOutGiveTheMinutesAndTheStart(signIn: String, signOut: String, minutes: Int64, start: String?) throws {
        let report = try Sheets.read(Self.header + "V000001,\(signIn),\(signOut)\n")
        #expect(Sheets.places(report) == [])
        #expect(report.rows.map(\.minutes) == [minutes])
        #expect(report.rows.first?.activity.start == start)
    }

    @Test(arguments: [
        ("10:30", "08:30", "2 C sign_out_before_sign_in"),
        ("2026-11-23 08:30", "2026-11-22 09:00", "2 C sign_out_before_sign_in"),
        ("2026-11-23 08:00", "2026-11-24 09:00", "2 C minutes_out_of_range"),
        ("08:30", "08:30", "2 C minutes_out_of_range"),
        ("morning", "10:30", "2 B bad_time"),
        ("08:30", "25:00", "2 C bad_time"),
        ("", "10:30", "2 B missing_value"),
    ])
    func badSignTimesAreRefusedByRowAndColumn(signIn: String, signOut: String, place: String) throws {
        let report = try Sheets.read(Self.header + "V000001,\(signIn),\(signOut)\nV000002,08:00,09:00\n")
        #expect(Sheets.places(report) == [place])
        #expect(report.rows.map(\.volunteer.name) == ["V000002"])
    }

    @Test func aDurationColumnGivesTheMinutesAndTheSignInTheStart() throws {
        let report = try Sheets.read("志愿者编号,签到时间,签退时间,服务时长\nV000001,2026-11-23 08:30,2026-11-23 11:00,2小时\nV000002,10:00,09:00,1小时\n")
        #expect(report.rows.map(\.minutes) == [120])
        #expect(report.rows.first?.activity.start == "2026-11-23T08:30:00+08:00")
        #expect(Sheets.places(report) == ["3 C sign_out_before_sign_in"])
    }

    @Test func aStartColumnWinsOverTheSignIn() throws {
        let report = try Sheets.read("志愿者编号,开始时间,签到时间,签退时间\nV000001,2026-11-23 08:00,2026-11-23 08:30,2026-11-23 09:30\n")
        #expect(report.rows.first?.activity.start == "2026-11-23T08:00:00+08:00")
        #expect(report.rows.first?.minutes == 60)
    }
}
