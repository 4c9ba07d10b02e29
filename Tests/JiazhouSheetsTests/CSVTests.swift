import JiazhouCore
import JiazhouSheets
import Testing

@Suite struct CSVTests {
    private func volunteers(_ report: SheetReport) -> [String] { report.rows.map { "\($0.row):\($0.volunteer.name):\($0.minutes)" } }

    @Test func theDelimiterIsTheOneTheHeaderLineHoldsMoreOf() throws {
        let tabbed = try Sheets.read("志愿者编号\t姓名\t分钟\nV000001\t\"Li, Wei\"\t90\n")
        #expect(tabbed.summary.delimiter == .tab)
        #expect(volunteers(tabbed) == ["2:V000001:90"])
        let commas = try Sheets.read("志愿者编号,姓名,分钟\nV000001,\"a\tb\",90\n")
        #expect(commas.summary.delimiter == .comma)
        #expect(volunteers(commas) == ["2:V000001:90"])
    }

    @Test func aForcedDelimiterWins() throws {
        let text = "volunteer\tminutes\tnote\nV000001\t90,5\tx\nV000002\t60\ty,z\n"
        let detected = try Sheets.read(text)
        #expect(detected.summary.delimiter == .tab)
        #expect(detected.rows.map(\.volunteer.name) == ["V000002"])
        #expect(Sheets.places(detected) == ["2 B bad_minutes"])  // "90,5" is one cell
        let forced = Sheets.error(text, options: SheetOptions(delimiter: .comma))
        #expect(forced?.reason == .missing_column)  // one header cell, "volunteer\tminutes\tnote"
    }

    @Test func quotedCellsHoldDelimitersQuotesAndLineBreaksAndStayInOneRow() throws {
        let text = "志愿者编号,姓名,分钟,备注\n\"V000001\",\"张, \"\"三\"\"\", \"90\" ,\"第一行\r\n第二行\n第三行\"\nV000002,李四,60,\"\"\"\"\n"
        let report = try Sheets.read(text)
        #expect(volunteers(report) == ["2:V000001:90", "3:V000002:60"])
        #expect(report.problems.isEmpty)
    }

    @Test func crlfLfAndCrEachEndARow() throws {
        let report = try Sheets.read("volunteer,minutes\r\nV000001,10\rV000002,20\nV000003,30\r\nV000004,40")
        #expect(volunteers(report) == ["2:V000001:10", "3:V000002:20", "4:V000003:30", "5:V000004:40"])
    }

    @Test func blankRowsCountAsSpreadsheetRowsAndAreSkipped() throws {
        let report = try Sheets.read("volunteer,minutes\nV000001,10\n\n , \nV000002,20\n,\n\n\n")
        #expect(volunteers(report) == ["2:V000001:10", "5:V000002:20"])
        #expect(report.summary.blankRows == 5)
        #expect(report.summary.dataRows == 2)
        #expect(report.problems.isEmpty)
    }

    @Test func cellsAreTrimmedOfAsciiNoBreakAndIdeographicSpaces() throws {
        let report = try Sheets.read("volunteer , minutes\n  V000001 ,\u{3000}90\u{A0}\n\tV000002\t,\t60\n")
        #expect(volunteers(report) == ["2:V000001:90", "3:V000002:60"])
    }

    @Test func malformedQuotesAreReadAsExcelReadsThem() throws {
        // A quote inside an unquoted cell is a character; text after a closing quote joins the cell.
        let report = try Sheets.read("volunteer,minutes\nV000001,9\"0\n\"V0000\"02,60\n")
        #expect(volunteers(report) == ["3:V000002:60"])
        #expect(report.problems.map(\.message) == ["\"9\"0\" is not a number of minutes; write digits only, like 90"])
    }

    @Test func titleRowsAboveTheHeaderAreSkippedAndNoted() throws {
        let report = try Sheets.read("白杨社区环境整治签到表,,\n2026年11月23日,,\n志愿者编号,姓名,分钟\nV000001,张三,90\n")
        #expect(report.summary.header.row == 3)
        #expect(volunteers(report) == ["4:V000001:90"])
        #expect(report.summary.notes.first == "row 1 (\"白杨社区环境整治签到表\") is above the header and was skipped")
    }

    @Test(arguments: ["白杨社区签到表\n\n", "白杨社区签到表, 2026年12月2日\n", "title,with,many,commas,,,,\n", ""])
    func theHeaderLineChoosesTheDelimiterWhateverTheTitleAboveIt(title: String) throws {
        let report = try Sheets.read("\(title)志愿者编号\t备注\t分钟\nV000001\t迟到,早退\t90\n")
        #expect(report.summary.delimiter == .tab)
        #expect(report.rows.map(\.minutes) == [90])
    }

    @Test func unnamedHeaderCellsAfterTheLastNameAreNotRequired() throws {
        // Excel pads rows to the used width; a row that stops at the last named column is whole.
        let report = try Sheets.read("volunteer,minutes,,\nV000001,90\nV000002,60,,\n")
        #expect(volunteers(report) == ["2:V000001:90", "3:V000002:60"])
    }
}
