import Foundation
import JiazhouCore
import JiazhouSheets
import Testing
import ZIPFoundation

/// Reports written back to the spreadsheet: read again by our own reader,
/// and opened by LibreOffice (its CSV of `Fixtures/report.xlsx`, made once by
/// scripts/make-sheet-fixtures.py, is committed beside it).
@Suite struct SheetTableTests {
    /// A participant sheet as a report would be: ids, minutes, a name with a
    /// comma and quotes, markup, a formula-like remark and a control character.
    static var table: SheetTable {
        var table = SheetTable(header: ["志愿者编号", "时长(分钟)", "备注"])
        table.append([.text("V000001"), .number(90), .text("组长说\"辛苦了\", 谢谢")])
        table.append([.text("V000002"), .number(120), .text("<b>&amp; 1 < 2</b>\u{1}")])
        table.append([.text("V000003"), .number(45), .text("=1+1")])
        table.append([.text("V000004"), .number(30), .empty])
        return table
    }

    @Test(arguments: ["xlsx", "csv"])
    func aWrittenTableReadsBackThroughTheReader(format: String) throws {
        let bytes = format == "xlsx" ? try Self.table.xlsxBytes(sheet: "报告") : Self.table.csvBytes
        let report = try SheetReader(source: SheetBytes(bytes)).readAll()
        #expect(Sheets.places(report) == [])
        #expect(report.rows.map(\.volunteer.name) == ["V000001", "V000002", "V000003", "V000004"])
        #expect(report.rows.map(\.minutes) == [90, 120, 45, 30])
        #expect(report.summary.sheet == (format == "xlsx" ? "报告" : nil))
    }

    @Test func theCSVHasAByteOrderMarkQuotesAndNoFormulas() {
        let text = String(decoding: Self.table.csvBytes, as: UTF8.self)
        #expect(Self.table.csvBytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(text.contains("V000001,90,\"组长说\"\"辛苦了\"\", 谢谢\"\r\n"))
        #expect(text.contains("V000003,45,'=1+1\r\n"))
    }

    /// The bytes LibreOffice opened are the bytes the writer writes now: the
    /// parts compared inflated, so that another zlib does not fail the test.
    @Test func theWriterWritesTheWorkbookLibreOfficeOpened() throws {
        if ProcessInfo.processInfo.environment["JIAZHOU_WRITE_FIXTURES"] == "1" {
            try Data(Self.table.xlsxBytes(sheet: "报告")).write(to: URL(fileURLWithPath: WorkbookTests.fixture("report.xlsx")))
        }
        let committed = try Self.parts(Data(contentsOf: URL(fileURLWithPath: WorkbookTests.fixture("report.xlsx"))))
        let written = try Self.parts(Data(Self.table.xlsxBytes(sheet: "报告")))
        #expect(written == committed)
        let libreOffice = try String(contentsOfFile: WorkbookTests.fixture("report-libreoffice.csv"), encoding: .utf8)
        #expect(libreOffice.split(whereSeparator: \.isNewline) == [
            "志愿者编号,时长(分钟),备注", "V000001,90,\"组长说\"\"辛苦了\"\", 谢谢\"", "V000002,120,<b>&amp; 1 < 2</b>", "V000003,45,=1+1", "V000004,30,",
        ])
    }

    static func parts(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        return parts
    }
}
