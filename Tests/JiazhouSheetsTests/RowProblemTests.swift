import JiazhouCore
import JiazhouSheets
import Testing

@Suite struct RowProblemTests {
    static let header = "volunteer,minutes,activity,category,start,tags\n"

    @Test(arguments: [
        ("V000001,90,,,,", [String]()),
        (",90,,,,", ["2 A missing_value"]),
        ("V000001,,,,,", ["2 B missing_value"]),
        ("V000001, ,,,,", ["2 B missing_value"]),
        ("张伟,90,,,,", ["2 A bad_volunteer"]),
        ("V 000001,90,,,,", ["2 A bad_volunteer"]),
        ("merchant:jiulongxiang-cafe,90,,,,", ["2 A bad_volunteer"]),
        ("V13800000000,90,,,,", []),  // a well-formed id: whether it exists is the ledger's question
        ("13800000000,90,,,,", ["2 A bad_volunteer"]),  // a mobile number: personal data
        ("volunteer:51110219800101123X,90,,,,", ["2 A bad_volunteer"]),  // an ID-card number
        ("V000001,0,,,,", ["2 B minutes_out_of_range"]),
        ("V000001,-30,,,,", ["2 B minutes_out_of_range"]),
        ("V000001,1441,,,,", ["2 B minutes_out_of_range"]),
        ("V000001,99999999999999999999,,,,", ["2 B minutes_out_of_range"]),
        ("V000001,90.5,,,,", ["2 B bad_minutes"]),
        ("V000001,90分钟,,,,", ["2 B bad_minutes"]),
        ("V000001,1:30,,,,", ["2 B bad_minutes"]),
        ("V000001,90,,,tomorrow,", ["2 E bad_start"]),
        ("V000001,90,\(String(repeating: "a", count: 129)),,,", ["2 C bad_activity"]),
        ("V000001,90,\"two\nlines\",,,", ["2 C bad_activity"]),
        ("V000001,90,,\(String(repeating: "c", count: 65)),,", ["2 D bad_activity"]),
        ("V000001,90,,,,\((1...33).map { "t\($0)" }.joined(separator: ";"))", ["2 F bad_activity"]),
        ("V000001,90,,,", ["2 ragged_row"]),
        ("V000001,90", ["2 ragged_row"]),
        ("V000001,90,,,,,extra", ["2 G ragged_row"]),
        ("V000001,90,,,,,,", []),  // empty cells past the header are Excel's padding
        ("张伟,0,,,yesterday,", ["2 A bad_volunteer", "2 B minutes_out_of_range", "2 E bad_start"]),
    ])
    func eachBadCellIsReportedWithItsRowColumnAndReason(row: String, expected: [String]) throws {
        let report = try Sheets.read(Self.header + row + "\nV000009,30,,,,\n")
        #expect(Sheets.places(report) == expected)
        #expect(report.rows.map(\.row) == (expected.isEmpty ? [2, 3] : [3]))
    }

    @Test func aVolunteerTwiceInOneActivityIsADuplicateNamingTheFirstRow() throws {
        let report = try Sheets.read("volunteer,minutes\nV000001,90\nV000002,60\nV000001,30\nV000001,30\n")
        #expect(Sheets.places(report) == ["4 A duplicate_volunteer", "5 A duplicate_volunteer"])
        #expect(report.problems.map(\.message) == Array(repeating: "V000001 is already in row 2; list each volunteer once per activity", count: 2))
        #expect(report.rows.map(\.row) == [2, 3])
    }

    @Test func theSameVolunteerInTwoActivitiesIsNoDuplicate() throws {
        let report = try Sheets.read("活动编号,志愿者编号,分钟\ncleanup,V000001,90\nvisit,V000001,60\n,V000001,30\ncleanup,volunteer:V000001,30\n")
        #expect(Sheets.places(report) == ["5 B duplicate_volunteer"])
        #expect(report.problems[0].message == "V000001 is already in row 2 for activity \"cleanup\"; list each volunteer once per activity")
        #expect(report.rows.map(\.activity.id) == ["cleanup", "visit", nil])
        #expect(report.summary.activities == 2)
    }

    @Test func duplicatesAreFoundAmongThousandsAndAmongLongIds() throws {
        // 5,000 distinct ids make the table grow several times; long ids take the other path.
        let ids = (1...5000).map { "V\(1_000_000 + $0)" } + ["volunteer.with-a-long-id", "another-long-id.2026"]
        let again = ["V1000001", "V1005000", "volunteer.with-a-long-id", "V1002500"]
        let text = "volunteer,minutes\n" + (ids + again).map { "\($0),30\n" }.joined()
        let report = try Sheets.read(text)
        #expect(report.rows.count == ids.count)
        #expect(report.problems.map(\.message) == [
            "V1000001 is already in row 2; list each volunteer once per activity",
            "V1005000 is already in row 5001; list each volunteer once per activity",
            "volunteer.with-a-long-id is already in row 5002; list each volunteer once per activity",
            "V1002500 is already in row 2501; list each volunteer once per activity",
        ])
    }

    @Test func aRowWithABadMinutesCellStillCountsForDuplicates() throws {
        let report = try Sheets.read("volunteer,minutes\nV000001,0\nV000001,60\n")
        #expect(Sheets.places(report) == ["2 B minutes_out_of_range", "3 A duplicate_volunteer"])
    }

    @Test func perRowActivityFieldsAreRead() throws {
        let report = try Sheets.read("""
            活动编号,类别,开始时间,标签,志愿者编号,时长(小时)
            2026-11-24-knock,home_visit,2026-11-24 09:00,一老一小、银龄,V000001,1.5
            ,,,,V000002,2
            """)
        #expect(report.rows == [
            SheetRow(row: 2, volunteer: AccountID(unchecked: .volunteer, "V000001"), minutes: 90, activity: .init(
                id: "2026-11-24-knock", category: "home_visit", start: "2026-11-24T09:00:00+08:00", tags: ["一老一小", "银龄"])),
            SheetRow(row: 3, volunteer: AccountID(unchecked: .volunteer, "V000002"), minutes: 120),
        ])
        #expect(report.rows[1].activity.isEmpty)
    }

    @Test func repeatedActivityCellsAreReadAgainWhenTheyChange() throws {
        let report = try Sheets.read("""
            activity,start,volunteer,minutes
            a,2026-12-01 09:00,V1,60
            a,2026-12-01 09:00,V2,60
            b,2026-12-02 10:00,V3,60
            a,later,V4,60
            a,later,V5,60
            a,2026-12-01 09:00,V6,60
            """)
        #expect(report.rows.map { "\($0.activity.id ?? "-") \($0.activity.start ?? "-")" } == [
            "a 2026-12-01T09:00:00+08:00", "a 2026-12-01T09:00:00+08:00", "b 2026-12-02T10:00:00+08:00", "a 2026-12-01T09:00:00+08:00",
        ])
        #expect(Sheets.places(report) == ["5 B bad_start", "6 B bad_start"])
    }

    /// Every row-level reason, each triggered by one row (STYLE.md, convention 5).
    @Test func everyReasonHasARowThatTriggersIt() throws {
        var bytes = Array((Self.header + """
            ,90,,,,
            张伟,90,,,,
            V000001,90.5,,,,
            V000001,0,,,,
            V000002,90,,,,
            V000002,90,,,,
            V000003,90
            V000004,90,,,later,
            V000005,90,,\(String(repeating: "c", count: 65)),,
            V000006,90,,,,\(String(repeating: "x", count: 5000))

            """).utf8)
        bytes += Array("V000007,90,,".utf8) + [0xFF] + Array(",,\n".utf8)  // a byte that is no UTF-8
        bytes += Array("V000008,90,,,,\"never closed".utf8)
        let report = try Sheets.read(bytes)
        // The sign-in reasons need their columns (SignTimeTests); a formula, an .xlsx (WorkbookTests).
        let elsewhere: Set<SheetProblem.Reason> = [.bad_time, .sign_out_before_sign_in, .formula_without_value]
        #expect(Set(report.problems.map(\.reason)) == Set(SheetProblem.Reason.allCases).subtracting(elsewhere))
    }
}

@Suite struct PersonalDataInProblemsTests {
    @Test(arguments: ["张伟", "13800000000", "511102198001011234"])
    func aNameOrPersonalNumberInTheIdColumnIsRefusedWithoutBeingRepeated(cell: String) throws {
        let report = try Sheets.read("volunteer,minutes\n\(cell),90\n")
        #expect(Sheets.places(report) == ["2 A bad_volunteer"])
        #expect(!report.problems[0].message.contains(cell), "\(report.problems[0].message)")
    }
}
