import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `POST /v1/sheets`: a coordinator's sheet file as the body, awarded whole
/// by the service's one award path for sheets, as `jiazhou award import` does.
@Suite(.timeLimit(.minutes(2))) struct SheetRouteTests {
    static let query = "activity=cleanup-1130&category=environment&start=2026-11-30T08:30:00%2B08:00&scope=shizhong/tongjiang/baiyang"
    static let good = Array("志愿者编号,时长(分钟)\nV000001,60\nV000002,90\n".utf8)

    /// The same sheet as Excel saves it in a Chinese locale: GB18030, CRLF,
    /// with a name column (read and discarded). Bytes from Python's encoder.
    static let gb18030: [UInt8] = [
        0xD6, 0xBE, 0xD4, 0xB8, 0xD5, 0xDF, 0xB1, 0xE0, 0xBA, 0xC5, 0x2C, 0xCA, 0xB1, 0xB3, 0xA4, 0x28, 0xB7, 0xD6, 0xD6, 0xD3, 0x29, 0x2C, 0xD0,
        0xD5, 0xC3, 0xFB, 0x0D, 0x0A, 0x56, 0x30, 0x30, 0x30, 0x30, 0x30, 0x31, 0x2C, 0x36, 0x30, 0x2C, 0xD5, 0xC5, 0xC8, 0xFD, 0x0D, 0x0A, 0x56,
        0x30, 0x30, 0x30, 0x30, 0x30, 0x32, 0x2C, 0x39, 0x30, 0x2C, 0xC0, 0xEE, 0xCB, 0xC4, 0x0D, 0x0A,
    ]

    @Test func aGoodSheetIsAwardedOnceAndSentAgainIsAlreadyImported() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.baiyangOffice)
            let size = try server.ledger.service.info().size
            let reply = try await server.upload(Self.good, query: Self.query, token: token)
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json?["written"] == 2)
            #expect(reply.json?["points"] == 25)
            #expect(reply.json?["minutes"] == 150)
            #expect(reply.json?["first_seq"] == .integer(size))
            #expect(reply.json?["last_seq"] == .integer(size + 1))
            #expect(reply.json?["activities"] == ["cleanup-1130"])
            #expect(reply.json?["listed"]?.arrayValue?.map { $0["volunteer"] } == ["volunteer:V000001", "volunteer:V000002"])
            #expect(reply.json?["key"]?.stringValue?.hasPrefix("sheet:") == true)
            #expect(try server.ledger.service.account(.init(account: TestLedger.volunteer(2)), actor: TestLedger.root).balance == 15)
            let again = try await server.upload(Self.good, query: Self.query, token: token)
            #expect(again.status == 200)
            #expect(again.json?["already_imported"] == true)
            #expect(again.json?["written"] == 0)
            #expect(try server.ledger.service.info().size == size + 2)
        }
    }

    @Test func aDryRunPricesEveryRowAndWritesNothing() async throws {
        try await withServer { server in
            let size = try server.ledger.service.info().size
            let reply = try await server.upload(Self.good, query: Self.query + "&dry_run=true", token: try server.token(TestLedger.baiyangOffice))
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json?["dry_run"] == true)
            #expect(reply.json?["points"] == 25)
            #expect(reply.json?["rows"] == 2)
            #expect(try server.ledger.service.info().size == size)
            // A dry run keeps no idempotency record: the sheet can then be awarded.
            let awarded = try await server.upload(Self.good, query: Self.query, token: try server.token(TestLedger.baiyangOffice))
            #expect(awarded.json?["written"] == 2)
        }
    }

    @Test func aSheetWithBadRowsIsRefusedWholeWithEveryProblemListed() async throws {
        try await withServer { server in
            let size = try server.ledger.service.info().size
            let sheet = Array("志愿者编号,时长(分钟)\nV000001,60\nV000002,90分钟\nV000404,30\n".utf8)
            let reply = try await server.upload(sheet, query: Self.query, token: try server.token(TestLedger.baiyangOffice))
            #expect(reply.status == 422)
            #expect(reply.reason == "sheet_invalid")
            let problems = try #require(reply.json?["error"]?["sheet"]?["problems"]?.arrayValue)
            #expect(problems.map { $0["row"] } == [3, 4])
            #expect(problems.map { $0["reason"] } == ["bad_minutes", "unknown_account"])
            #expect(problems[0]["column"]?.stringValue?.contains("时长") == true)
            #expect(try server.ledger.service.info().size == size)
            let dryRun = try await server.upload(sheet, query: Self.query + "&dry_run=true", token: try server.token(TestLedger.baiyangOffice))
            #expect(dryRun.status == 422)
            #expect(dryRun.json?["error"]?["sheet"]?["listed"]?.arrayValue?.count == 2)
        }
    }

    @Test func aSheetTheReaderRefusesWholeIs422WithItsReason() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.baiyangOffice)
            let noHeader = try await server.upload(Array("hello\nworld\n".utf8), query: Self.query, token: token)
            #expect(noHeader.status == 422)
            #expect(noHeader.json?["error"]?["sheet"]?["problems"]?.arrayValue?.first?["reason"] == "missing_column")
            let noRows = try await server.upload(Array("志愿者编号,时长(分钟)\n".utf8), query: Self.query, token: token)
            #expect(noRows.status == 422)
            #expect(noRows.json?["error"]?["sheet"]?["problems"]?.arrayValue?.first?["reason"] == "empty_sheet")
            #expect(noRows.json?["error"]?["sheet"]?["encoding"] == "UTF-8")
            let noScope = try await server.upload(Self.good, query: "activity=x", token: token)
            #expect(noScope.status == 400)
        }
    }

    @Test func aGB18030SheetIsReadAsExcelSavesIt() async throws {
        try await withServer { server in
            let reply = try await server.upload(Self.gb18030, query: Self.query, token: try server.token(TestLedger.baiyangOffice))
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json?["encoding"] == "GB18030")
            #expect(reply.json?["points"] == 25)
            #expect(reply.json?["notes"]?.arrayValue?.isEmpty == false)
        }
    }

    @Test func aCoordinatorOutsideTheScopeIsForbiddenAndNothingIsWritten() async throws {
        try await withServer { server in
            let size = try server.ledger.service.info().size
            let reply = try await server.upload(Self.good, query: Self.query, token: try server.token(TestLedger.jiangbinOffice))
            #expect(reply.status == 403)
            #expect(reply.reason == "forbidden")
            #expect(try server.ledger.service.info().size == size)
            #expect(try await server.upload(Self.good, query: Self.query, token: nil).status == 401)
        }
    }

    @Test func aSheetOverTheLimitIs413() async throws {
        try await withServer(maxSheetBytes: 1024) { server in
            let rows = (1...200).map { _ in "V000001,60\n" }.joined()
            let reply = try await server.upload(Array(("志愿者编号,时长(分钟)\n" + rows).utf8), query: Self.query, token: try server.token(TestLedger.baiyangOffice))
            #expect(reply.status == 413)
            #expect(reply.reason == "too_large")
        }
    }
}

extension TestServer {
    /// A sheet file as the body of `POST /v1/sheets?query`.
    func upload(_ sheet: [UInt8], query: String, token: String?, key: String? = nil) async throws -> HTTPReply {
        try await send("POST", "/v1/sheets?" + query, token: token, key: key, raw: sheet, headers: [("Content-Type", "text/csv")])
    }
}
