import Foundation
import JiazhouCore
import JiazhouService
import JiazhouSheets
import JiazhouTesting
import Testing

/// The office's reports over HTTP: JSON for a page, or with `format` the
/// same sheet `jiazhou report` writes, as a download that opens in Excel
/// and reads back through the sheet reader.
@Suite(.timeLimit(.minutes(2))) struct ReportRouteTests {
    static let scopeQuery = "scope=shizhong/tongjiang/baiyang&month=2026-11"

    @Test func aScopesMonthIsJSONOrACSVOrAnXLSXOfTheSameRows() async throws {
        try await withServer { server in
            let office = try server.token(TestLedger.baiyangOffice)
            _ = try await server.award(1, token: office)
            _ = try await server.award(2, token: office)
            let json = try await server.send("GET", "/v1/reports/scope?" + Self.scopeQuery, token: office)
            #expect(json.status == 200, "\(json.text)")
            #expect(json.json?["volunteers"]?.arrayValue?.count == 2)
            #expect(json.json?["points"] == 40)

            let csv = try await server.send("GET", "/v1/reports/scope?" + Self.scopeQuery + "&format=csv", token: office)
            #expect(csv.status == 200)
            #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
            #expect(csv.header("Content-Disposition") == "attachment; filename=\"shizhong-tongjiang-baiyang-2026-11.csv\"")
            #expect(csv.header("Cache-Control") == "no-store")
            #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF], "Excel reads UTF-8 only after a BOM")
            let lines = String(decoding: csv.body.dropFirst(3), as: UTF8.self).split(whereSeparator: \.isNewline)
            #expect(lines.first?.hasPrefix("志愿者编号 volunteer,") == true)
            #expect(lines.contains("volunteer:V000002,测试志愿者2,1,120,2.0,20"))
            #expect(lines.last?.hasPrefix("合计 total") == true)

            let xlsx = try await server.send("GET", "/v1/reports/scope?" + Self.scopeQuery + "&format=xlsx", token: office)
            #expect(xlsx.status == 200)
            #expect(xlsx.header("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let cells = try Self.cells(xlsx.body)
            #expect(cells.contains(["volunteer:V000001", "测试志愿者1", "1", "120", "2.0", "20"]), "\(cells)")
        }
    }

    @Test func reportsAreForWhomTheServiceAllows() async throws {
        try await withServer { server in
            let outside = try await server.send("GET", "/v1/reports/scope?" + Self.scopeQuery + "&format=xlsx", token: try server.token(TestLedger.jiangbinOffice))
            #expect(outside.status == 403)
            #expect(outside.reason == "forbidden")
            #expect(try await server.send("GET", "/v1/reports/scope?" + Self.scopeQuery, token: nil).status == 401)
            let merchantQuery = "merchant=merchant:jiulongxiang-cafe&month=2026-11&format=csv"
            let byMerchant = try await server.send("GET", "/v1/reports/merchant?" + merchantQuery, token: try server.token(TestLedger.merchant))
            #expect(byMerchant.status == 403, "a merchant's monthly report is the office's")
            let byOperator = try await server.send("GET", "/v1/reports/merchant?" + merchantQuery, token: try server.token(TestLedger.root))
            #expect(byOperator.status == 200, "\(byOperator.text)")
            #expect(byOperator.header("Content-Disposition") == "attachment; filename=\"merchant-jiulongxiang-cafe-2026-11.csv\"")
            #expect(byOperator.text.contains("total,,,0"))
        }
    }

    @Test func aBadFormatOrMonthIs400AndSaysWhy() async throws {
        try await withServer { server in
            let office = try server.token(TestLedger.baiyangOffice)
            let pdf = try await server.send("GET", "/v1/reports/scope?" + Self.scopeQuery + "&format=pdf", token: office)
            #expect(pdf.status == 400)
            let month = try await server.send("GET", "/v1/reports/scope?scope=shizhong/tongjiang/baiyang&month=2026-13&format=csv", token: office)
            #expect(month.status == 400)
            #expect(month.message?.contains("YYYY-MM") == true)
        }
    }

    @Test func aDryRunsRowReportDownloadsAsTheSheetToFix() async throws {
        try await withServer { server in
            let office = try server.token(TestLedger.baiyangOffice)
            let sheet = Array("志愿者编号,时长(分钟)\nV000001,60\nV000002,90分钟\nV000404,30\n".utf8)
            let size = try server.ledger.service.info().size
            let report = try await server.upload(sheet, query: SheetRouteTests.query + "&dry_run=true&format=xlsx", token: office)
            #expect(report.status == 200, "\(report.text)")
            #expect(report.header("Jiazhou-Sheet-Problems") == "2")
            #expect(report.header("Content-Disposition") == "attachment; filename=\"problems.xlsx\"")
            let rows = try Self.cells(report.body)
            #expect(rows.map { $0.first } == ["行 row", "3", "4"])
            #expect(rows.dropFirst().map { $0[2] } == ["bad_minutes", "unknown_account"])
            #expect(try server.ledger.service.info().size == size)

            let clean = try await server.upload(SheetRouteTests.good, query: SheetRouteTests.query + "&dry_run=true&format=csv", token: office)
            #expect(clean.status == 200)
            #expect(clean.header("Jiazhou-Sheet-Problems") == "0")
            #expect(String(decoding: clean.body.dropFirst(3), as: UTF8.self).split(whereSeparator: \.isNewline).count == 1, "the header only")

            for notDry in ["&format=csv", "&dry_run=false&format=csv"] {
                let reply = try await server.upload(SheetRouteTests.good, query: SheetRouteTests.query + notDry, token: office)
                #expect(reply.status == 200)
                #expect(reply.header("Jiazhou-Sheet-Problems") == "0")
            }
            #expect(try server.ledger.service.info().size == size, "a row report is a dry run's: nothing is written")
        }
    }

    /// The workbook's first sheet, read back through the sheet reader's workbook layer, as text cells.
    static func cells(_ bytes: [UInt8]) throws -> [[String]] {
        try WorkbookTestReader.rows(bytes)
    }
}
