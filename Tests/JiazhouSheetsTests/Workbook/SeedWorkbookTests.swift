import JiazhouCore
import JiazhouSheets
import Testing

/// seeds/activities/signin-baiyang-2026-12-06.xlsx, written by openpyxl
/// (seeds/activities/make-signin-xlsx.py): the sign-in sheet the demo imports.
@Suite struct SeedWorkbookTests {
    @Test func theSeedSignInSheetReadsTwelveParticipantsAndSkipsItsTotalsAndNotes() throws {
        let report = try SheetReader(path: SeedSheetTests.folder + "signin-baiyang-2026-12-06.xlsx").readAll()
        #expect(Sheets.places(report) == [])
        #expect(report.rows.count == 12)
        #expect(report.rows.map(\.minutes) == [120, 90, 90, 90, 150, 120, 60, 180, 45, 150, 120, 90])
        #expect(report.rows.first?.volunteer.name == "V000006")
        #expect(report.rows.first?.activity.start == "2026-12-06T08:30:00+08:00")
        #expect(Set(report.rows.compactMap(\.activity.category)) == ["环境整治"])
        #expect(report.summary.header.row == 2)
        #expect(report.summary.skippedRows == 3)
    }
}
