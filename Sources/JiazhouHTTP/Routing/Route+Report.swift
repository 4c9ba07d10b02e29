import Foundation
import Hummingbird
import JiazhouCore
import JiazhouService
import JiazhouSheetAward
import JiazhouSheets

/// What a report route answers with: the service's result as JSON (the
/// default), or the same report as the sheet `jiazhou report --format`
/// writes, for the office to open in Excel, WPS or LibreOffice.
enum ReportAnswer: String, Decodable, Sendable, CaseIterable {
    case json
    case csv
    case xlsx

    var file: ReportFileFormat? {
        switch self {
        case .json: nil
        case .csv: .csv
        case .xlsx: .xlsx
        }
    }
}

/// A report route's query: the service's request and the format.
protocol ReportQuery: Decodable, Sendable {
    var format: ReportAnswer? { get }
    /// The downloaded file's name, without its extension.
    var fileName: String { get }
    /// The .xlsx's worksheet name.
    var sheetName: String { get }
}

extension Route {
    /// A GET on behalf of the token's principal whose result is also a
    /// sheet: `format=csv|xlsx` answers the file (as an attachment), else
    /// the JSON result.
    static func report<Query: ReportQuery, Result: Codable & Sendable>(
        _ path: String, _ operation: String, _ summary: String, _ query: Query.Type, refusals: [Reason],
        _ body: @escaping @Sendable (LedgerService, Query, AccountID) throws(LedgerError) -> Result,
        table: @escaping @Sendable (Result) -> SheetTable
    ) -> Route {
        let input = SchemaRecorder.schema(of: Query.self)
        let parameters = Route.parameters(in: path)
        return Route(
            method: .get, path: path, operation: operation, summary: summary, access: .bearer, input: .parameters(input),
            output: .report(SchemaRecorder.schema(of: Result.self)), refusals: refusals, takesIdempotencyKey: false
        ) { http, context, services in
            let actor = try context.requirePrincipal()
            let query = try ParameterInput.decode(Query.self, schema: input, path: path, pathParameters: parameters, request: http, context: context)
            let result: Result
            do throws(LedgerError) { result = try body(services.ledger, query, actor) } catch { throw HTTPFailure(error) }
            guard let file = query.format?.file else { return try encoded(result) }
            return try .download(table(result), as: file, name: query.fileName, sheet: query.sheetName)
        }
    }
}

extension Response {
    /// A report file, as an attachment named `name` and the format's extension.
    static func download(_ table: SheetTable, as format: ReportFileFormat, name: String, sheet: String) throws -> Response {
        let bytes: [UInt8]
        do throws(LedgerError) { bytes = try format.bytes(of: table, sheet: sheet) } catch { throw HTTPFailure(error) }
        // Only characters every browser keeps in a filename: ids carry ':' and '/'.
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
        return Response(
            status: .ok,
            headers: [.contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(safe).\(format.rawValue)\""],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// `GET /v1/reports/merchant`'s query.
struct MerchantReportQuery: ReportQuery {
    var merchant: AccountID
    /// `2026-12`.
    var month: String
    var format: ReportAnswer?

    var request: MerchantReportRequest { MerchantReportRequest(merchant: merchant, month: month) }
    var fileName: String { "\(merchant.text)-\(month)" }
    var sheetName: String { month }
}

/// `GET /v1/reports/scope`'s query.
struct ScopeReportQuery: ReportQuery {
    /// `shizhong/tongjiang/baiyang`: its awards and those below it.
    var scope: Scope
    /// `2026-12`: the month of the activities.
    var month: String
    var format: ReportAnswer?

    var request: ScopeReportRequest { ScopeReportRequest(scope: scope, month: month) }
    var fileName: String { "\(scope)-\(month)" }
    var sheetName: String { month }
}
