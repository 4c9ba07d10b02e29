import Foundation
import JiazhouSheets
import JiazhouTesting
import Testing

/// Sheets in and reports out through the real binary (issue 18): the seed's
/// .xlsx sign-in sheet, a dry run's problems written back to a spreadsheet.
@Suite struct SheetReportTests {
    let imports: AwardImportTests

    init() throws { imports = try AwardImportTests() }

    @Test func theSeedSignInXlsxIsAwardedWithItsTitleAndTotalsRowsSkipped() throws {
        defer { try? FileManager.default.removeItem(atPath: imports.directory) }
        let problems = imports.directory + "/problems.csv"
        let outcome = try CommandRunner.run([
            "award", "import", imports.sheet("signin-baiyang-2026-12-06.xlsx"), "--db", imports.database, "--activity", "cleanup-baiyang-1206",
            "--scope", "shizhong/tongjiang/baiyang", "--report", problems,
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("awarded 12 rows"), "\(outcome.stdout)")
        #expect(outcome.stderr.contains("row 15 (合计) is a totals row"), "\(outcome.stderr)")
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: problems)))
        #expect(written == [0xEF, 0xBB, 0xBF] + Array("行 row,列 column,原因 reason,说明 message\r\n".utf8))
    }

    @Test(arguments: ["csv", "xlsx"])
    func aDryRunWritesEveryBadRowToASpreadsheet(format: String) throws {
        defer { try? FileManager.default.removeItem(atPath: imports.directory) }
        let problems = imports.directory + "/problems." + format
        let outcome = try CommandRunner.run([
            "award", "import", imports.sheet("errors-baiyang-2026-12-02.csv"), "--db", imports.database, "--activity", "care-1202",
            "--category", "elder_care", "--start", "2026-12-02T14:00:00+08:00", "--scope", "shizhong/tongjiang/baiyang", "--dry-run",
            "--report", problems,
        ])
        #expect(outcome.status == 1)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: problems)))
        if format == "csv" {
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n")
            #expect(lines.count == 16, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("4,A (志愿者编号),bad_volunteer,") })
            #expect(lines.contains { $0.hasPrefix("24,,unknown_account,") })
        } else {
            // The report reads back through the reader, which finds its header and says it is no participant sheet.
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            do {
                _ = try SheetReader(source: SheetBytes(bytes)).readAll()
                Issue.record("a problem report is not a participant sheet")
            } catch {
                #expect(error.reason == .missing_column)
                #expect(error.message.contains("\"行 row\", \"列 column\", \"原因 reason\", \"说明 message\""), "\(error.message)")
            }
        }
    }

    @Test func aMerchantReportIsWrittenAsCSVWithAByteOrderMarkAndXlsxNeedsAFile() throws {
        defer { try? FileManager.default.removeItem(atPath: imports.directory) }
        let csv = try CommandRunner.run(["report", "merchant", "merchant:jiulongxiang-cafe", "--month", "2026-11", "--db", imports.database, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.hasPrefix("\u{FEFF}day,redeemed,reversed,takings\r\n"), "\(csv.stdout)")
        #expect(csv.stdout.contains("\r\ntotal,,,"))
        let xlsx = try CommandRunner.run(["report", "merchant", "merchant:jiulongxiang-cafe", "--month", "2026-11", "--db", imports.database, "--format", "xlsx"])
        #expect(xlsx.status != 0)
        #expect(xlsx.stderr.contains("--output"))
        let file = imports.directory + "/cafe.xlsx"
        let written = try CommandRunner.run([
            "report", "merchant", "merchant:jiulongxiang-cafe", "--month", "2026-11", "--db", imports.database, "--format", "xlsx", "--output", file,
        ])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)).starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }
}
