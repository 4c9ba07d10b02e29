import JiazhouSheets
import Testing

@Suite struct HeaderTests {
    @Test(arguments: [
        ("志愿者编号", SheetColumn.Role.volunteer), ("志愿者ID", .volunteer), ("志愿者id", .volunteer), ("编号", .volunteer),
        ("Volunteer", .volunteer), ("VOLUNTEER_ID", .volunteer), ("volunteer id", .volunteer), ("Ｖｏｌｕｎｔｅｅｒ", .volunteer),
        ("时长(分钟)", .minutes), ("时长（分钟）", .minutes), ("服务时长 (分钟)", .minutes), ("服务时长（分钟）", .minutes),
        ("分钟", .minutes), ("Minutes", .minutes),
        ("时长（小时）", .hours), ("服务时长(小时)", .hours), ("小时", .hours), ("HOURS", .hours),
        ("姓名", .personalData), ("Name", .personalData), ("手机号", .personalData),
        ("活动编号", .activity), ("Activity", .activity), ("类别", .category), ("活动类别", .category), ("Category", .category),
        ("开始时间", .start), ("Start", .start), ("标签", .tags), ("Tags", .tags),
        ("时长", .duration), ("服务时长", .duration), ("Duration", .duration), ("签到时间", .signIn), ("签退时间", .signOut),
        ("备注", .ignored), ("序号", .ignored), ("志愿者", .ignored),
    ])
    func headerNamesAreMatchedIgnoringCaseSpacesAndFullWidthForms(name: String, role: SheetColumn.Role) throws {
        // Put the name where it does not clash with the required columns.
        let header = switch role {
        case .volunteer: "\(name),minutes"
        case .minutes, .hours, .duration: "volunteer,\(name)"
        default: "volunteer,minutes,\(name)"
        }
        let reader = try SheetReader(source: SheetBytes(Array("\(header)\nV000001,90分钟,x\n".utf8)))
        #expect(reader.header.columns.first { $0.name == name }?.role == role)
    }

    @Test func aMissingVolunteerColumnNamesWhatWasExpectedAndWhatWasFound() {
        let error = Sheets.error("姓名,服务时长(分钟),备注\n张三,90,\n")
        #expect(error?.reason == .missing_column)
        #expect(error?.row == 1)
        #expect(error?.message.contains("志愿者编号, 志愿者ID, 编号, volunteer or volunteer_id") == true, "\(String(describing: error))")
        #expect(error?.message.contains("it has \"姓名\", \"服务时长(分钟)\", \"备注\"") == true, "\(String(describing: error))")
    }

    @Test func aMissingMinutesColumnIsASheetError() {
        let error = Sheets.error("志愿者编号,姓名,备注\nV000001,张三,90\n")
        #expect(error?.reason == .missing_column)
        #expect(error?.message.contains("时长(小时)") == true)
        #expect(error?.message.contains("签到时间") == true)
        // A sign-in column alone gives no minutes.
        #expect(Sheets.error("志愿者编号,签到时间\nV000001,08:30\n")?.reason == .missing_column)
    }

    @Test(arguments: ["volunteer,minutes,hours", "volunteer,分钟,编号", "volunteer,minutes,activity,活动编号"])
    func twoColumnsForOneThingAreADuplicateColumn(header: String) {
        #expect(Sheets.error("\(header)\nV000001,90,1,2\n")?.reason == .duplicate_column)
    }

    @Test func hoursMayStandInForMinutes() throws {
        let report = try Sheets.read("编号,时长（小时）\nV000001,1.5\n")
        #expect(report.rows.map(\.minutes) == [90])
    }

    @Test func unknownColumnsAndPersonalDataAreNotedAndNeverKept() throws {
        let report = try Sheets.read("序号,志愿者编号,姓名,手机号,分钟,备注\n1,V000001,张三,13800000000,90,迟到\n")
        #expect(report.summary.notes == [
            "columns A (序号), F (备注) are not known to the reader; their cells are ignored",
            "column C (姓名) is personal data: read and discarded, never kept",
            "column D (手机号) is personal data: read and discarded, never kept",
        ])
        #expect(report.rows.count == 1)
        let everything = String(describing: report)
        #expect(!everything.contains("张三") && !everything.contains("13800000000"))
    }

    @Test func withoutAHeaderAmongTheFirstRowsTheFirstRowIsQuoted() {
        let rows = (1...12).map { "V\(String(1_000_000 + $0).dropFirst()),90" }.joined(separator: "\n")
        let error = Sheets.error(rows)
        #expect(error?.reason == .missing_column)
        #expect(error?.message.contains("row 1 has \"V000001\", \"90\"") == true, "\(String(describing: error))")
    }

    @Test(arguments: ["", "\n\n , \n", "\u{FEFF}"])
    func aSheetWithNoRowsIsEmpty(text: String) {
        #expect(Sheets.error(text)?.reason == .empty_sheet)
    }

    @Test func aHeaderWithNoRowsUnderItIsEmpty() {
        let error = Sheets.error("title,,\nvolunteer,minutes\n\n,\n")
        #expect(error?.reason == .empty_sheet)
        #expect(error?.row == 2)
    }

    @Test func aHeaderWhoseQuoteNeverClosesIsABadHeader() {
        #expect(Sheets.error("volunteer,minutes,\"note\nV000001,90,x\n")?.reason == .bad_header)
    }

    @Test(arguments: [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (53, "BA"), (702, "ZZ"), (703, "AAA")])
    func columnsAreNamedWithSpreadsheetLetters(index: Int, letters: String) {
        #expect(SheetColumn(index: index, name: "", role: .ignored).letters == letters)
    }
}
