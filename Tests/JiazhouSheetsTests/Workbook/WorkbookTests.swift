import Foundation
import JiazhouCore
import JiazhouSheets
import Testing

/// .xlsx sheets written by openpyxl and saved again by LibreOffice
/// (scripts/make-sheet-fixtures.py), read through the same checks as CSV.
@Suite struct WorkbookTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    static func read(_ name: String, options: SheetOptions = .init()) throws -> SheetReport {
        try SheetReader(path: fixture(name), options: options).readAll()
    }

    @Test(arguments: ["signin.xlsx", "signin-libreoffice.xlsx"])
    func aSignInSheetWithTitleTotalsAndNotesReadsItsParticipants(file: String) throws {
        let report = try Self.read(file)
        #expect(Sheets.places(report) == [])
        #expect(report.summary.sheet == "签到表")
        #expect(report.summary.header.row == 2)
        #expect(report.rows.map(\.volunteer.name) == ["V000007", "V000013", "V000023", "V000025", "V000031"])
        #expect(report.rows.map(\.minutes) == [120, 90, 90, 90, 150])
        #expect(report.rows.map(\.row) == [3, 4, 5, 6, 7])
        #expect(report.rows.first?.activity.start == "2026-11-23T08:30:00+08:00")
        #expect(report.summary.skippedRows == 3)
        #expect(report.summary.notes.contains { $0.hasPrefix("row 1 (\"白杨社区环境整治志愿服务签到表\") is above the header") })
        #expect(report.summary.notes.contains("row 8 (合计) is a totals row: skipped, its figures are not checked"))
    }

    @Test func numbersBooleansDatesAndTextReadAsACSVExportWouldGiveThem() throws {
        let report = try Self.read("kinds.xlsx")
        #expect(report.rows.map(\.volunteer.name) == ["V000101", "V000102"])
        #expect(report.rows.map(\.minutes) == [90, 60])
        #expect(report.rows.map(\.activity.start) == ["2026-11-23T08:30:00+08:00", "2026-11-23T14:00:00+08:00"])
        // openpyxl writes formulas and never calculates them.
        #expect(Sheets.places(report) == ["4 B formula_without_value"])
    }

    @Test func aFormulaCalculatedByLibreOfficeIsReadByItsCachedValue() throws {
        let report = try Self.read("kinds-libreoffice.xlsx")
        #expect(Sheets.places(report) == [])
        #expect(report.rows.map(\.minutes) == [90, 60, 90])
    }

    @Test func anotherWorksheetIsChosenByName() throws {
        var options = SheetOptions()
        options.sheet = "第二周"
        let report = try Self.read("kinds.xlsx", options: options)
        #expect(report.rows.map(\.minutes) == [90])
        options.sheet = "第三周"
        #expect(throws: SheetError.self) { try Self.read("kinds.xlsx", options: options) }
        do { _ = try Self.read("kinds.xlsx", options: options) } catch let error as SheetError {
            #expect(error.reason == .unknown_sheet)
            #expect(error.message.contains("\"名单\", \"第二周\""))
        }
    }

    @Test func the1904DateSystemIsRead() throws {
        let report = try Self.read("date1904.xlsx")
        #expect(report.rows.map(\.activity.start) == ["2026-11-23T08:30:00+08:00"])
    }

    @Test func inlineStringsFormulaStringsIsoDatesAndPrefixedNamespacesAreRead() throws {
        let report = try Self.read("handmade.xlsx")
        #expect(Sheets.places(report) == [])
        #expect(report.rows.map(\.volunteer.name) == ["V000401", "V000402"])
        #expect(report.rows.map(\.minutes) == [90, 45])
        #expect(report.rows.map(\.row) == [2, 4])
        #expect(report.rows.first?.activity.start == "2026-11-23T08:30:00+08:00")
    }

    @Test func theSheetIsToldByItsBytesNotItsName() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.fixture("signin.xlsx"))))
        let report = try SheetReader(source: SheetBytes(bytes, chunkBytes: 3)).readAll()
        #expect(report.rows.count == 5)
    }
}
