import JiazhouCore
import JiazhouSheets
import Testing

@Suite struct NonParticipantRowTests {
    @Test func aTotalsRowAndNotesUnderTheTableAreSkippedWithANote() throws {
        let report = try Sheets.read("""
            序号,志愿者编号,姓名,服务时长
            1,V000001,张三,2小时
            2,V000002,李四,90分钟
            合计,,,3.5小时

            备注：雨天改在室内
            制表人：王五

            """)
        #expect(Sheets.places(report) == [])
        #expect(report.rows.map(\.volunteer.name) == ["V000001", "V000002"])
        #expect(report.summary.skippedRows == 3)
        #expect(report.summary.dataRows == 2)
        #expect(report.summary.notes.contains("row 4 (合计) is a totals row: skipped, its figures are not checked"))
        #expect(report.summary.notes.contains("row 6 (备注：…) is a note, not a participant: skipped"))
        // The note names its label only: what follows 制表人 is a person's name.
        #expect(!report.summary.notes.joined().contains("王五"))
    }

    @Test(arguments: ["合计", "总计", "小计", "Total", "TOTAL:", "合 计", "合计：", "ｔｏｔａｌ"])
    func everyTotalsLabelIsSkipped(label: String) throws {
        let report = try Sheets.read("志愿者编号,时长(分钟)\nV000001,90\n\(label),90\n")
        #expect(Sheets.places(report) == [])
        #expect(report.summary.skippedRows == 1)
    }

    @Test func aBlankRowInsideTheTableDoesNotEndItWhenParticipantsFollow() throws {
        let report = try Sheets.read("志愿者编号,时长(分钟)\nV000001,90\n,\nV000002,60\n合计,150\n")
        #expect(report.rows.map(\.row) == [2, 4])
        #expect(report.summary.blankRows == 1)
    }

    @Test func aRowThatIsNeitherParticipantNorNoteIsStillAProblem() throws {
        let report = try Sheets.read("志愿者编号,时长(分钟)\nV000001,90\n\n负责人 王五,\n")
        #expect(Sheets.places(report) == ["4 A bad_volunteer", "4 B missing_value"])
    }

    @Test func aSheetOfOnlyATotalsRowIsEmpty() {
        #expect(Sheets.error("志愿者编号,时长(分钟)\n合计,0\n")?.reason == .empty_sheet)
    }
}
