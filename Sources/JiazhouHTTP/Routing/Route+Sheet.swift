import HTTPTypes
import Hummingbird
import JiazhouCore
import JiazhouService
import JiazhouSheetAward
import JiazhouSheets

extension Route {
    /// `POST /v1/sheets`: a coordinator's sheet, awarded whole through the
    /// one award path for sheets (``LedgerService/awardSheet(_:rows:actor:key:progress:)``),
    /// as `jiazhou award import` does. The body is the file's bytes, at most
    /// the server's sheet limit; the query gives the defaults.
    static func sheet(_ path: String, _ operation: String, _ summary: String, refusals: [Reason]) -> Route {
        let input = SchemaRecorder.schema(of: SheetUploadQuery.self)
        return Route(
            method: .post, path: path, operation: operation, summary: summary, access: .bearer, input: .sheet(input),
            output: .report(SchemaRecorder.schema(of: SheetUploadResult.self)), refusals: refusals, takesIdempotencyKey: true
        ) { http, context, services in
            let actor = try context.requirePrincipal()
            var query = try ParameterInput.decode(SheetUploadQuery.self, schema: input, path: path, pathParameters: [], request: http, context: context)
            let report = query.format?.file
            // The row report is a dry run's, whatever dry_run says: the
            // answer is a file of problems, never the receipt of a write.
            // (No parameter is refused for another's value: the API document
            // describes each parameter on its own.)
            if report != nil { query.dryRun = true }
            let key = http.headers[.idempotencyKey]
            // Before the sheet is read: a sheet that cannot be read answers its report without reaching the service's own check.
            if let key { do throws(LedgerError) { try LedgerService.validateKey(key) } catch { throw HTTPFailure(error) } }
            let bytes = try await BodyInput.bytes(http, limit: services.maxSheetBytes, what: "the sheet")
            let result = try await SheetUpload(query: query, bytes: bytes, key: key).award(by: actor, service: services.ledger)
            if let report {
                let problems = result.problems.map { AwardSheetResult.Problem(row: $0.row, column: $0.column, reason: $0.reason, message: $0.message) }
                var response = try Response.download(
                    ReportTables.problems(problems, unreported: result.unreportedProblems), as: report, name: "problems", sheet: "问题")
                response.headers[.sheetProblems] = String(result.problems.count + result.unreportedProblems)
                return response
            }
            guard result.problems.isEmpty else {
                let count = result.problems.count + result.unreportedProblems
                var failure = HTTPFailure(.sheet_invalid, "the sheet has \(count) problem\(count == 1 ? "" : "s"); nothing was written: fix every row listed and send it again")
                failure.details["sheet"] = try JSONValueEncoder().encode(result)
                throw failure
            }
            return try encoded(result)
        }
    }
}

extension HTTPField.Name {
    /// How many problems a dry run's row report lists (0: the sheet would be awarded as it is).
    static let sheetProblems = HTTPField.Name("Jiazhou-Sheet-Problems")!
}

/// One upload: the sheet's bytes read by the sheet reader, awarded by the service.
private struct SheetUpload {
    let query: SheetUploadQuery
    let bytes: [UInt8]
    let key: String?

    func award(by actor: AccountID, service: LedgerService) async throws -> SheetUploadResult {
        let request = AwardSheetRequest(
            sheetDigest: TreeHasher.sha256(bytes),
            defaults: .init(
                activity: query.activity, category: query.category, start: query.start, tags: query.tagList, scope: query.scope, title: query.title),
            worksheet: query.sheet, dryRun: query.dryRun ?? false)
        var options = SheetOptions()
        options.sheet = query.sheet
        let reader: SheetReader
        do throws(SheetError) {
            reader = try SheetReader(source: SheetBytes(bytes), options: options)
        } catch {
            return try refused(error, request: request)
        }
        let rows = ListedRows(SheetRows(reader))
        let outcome: AwardSheetResult
        do throws(LedgerError) {
            outcome = try await service.awardSheet(request, rows: rows, actor: actor, key: key)
        } catch {
            if let refusal = rows.rows.sheetError { return try refused(refusal, request: request, summary: reader.summary) }
            throw HTTPFailure(error)
        }
        var result = SheetUploadResult(
            dryRun: request.dryRun, key: key ?? request.defaultKey, alreadyImported: outcome.alreadyImported, rows: reader.summary.dataRows,
            written: outcome.written, points: outcome.points, minutes: outcome.minutes, firstSeq: outcome.firstSeq, lastSeq: outcome.lastSeq,
            activities: outcome.activities.sorted(),
            problems: outcome.problems.map { .init(row: $0.row, column: $0.column, reason: $0.reason, message: $0.message) },
            unreportedProblems: outcome.unreportedProblems, listed: rows.listed, unlistedRows: rows.unlisted)
        result.describe(reader.summary)
        return result
    }

    /// A sheet the reader refuses whole: one problem, its reason; too many rows is 413.
    private func refused(_ error: SheetError, request: AwardSheetRequest, summary: SheetSummary? = nil) throws -> SheetUploadResult {
        if error.reason == .too_large { throw HTTPFailure(error.ledgerError) }
        var result = SheetUploadResult(
            dryRun: request.dryRun, key: key ?? request.defaultKey, alreadyImported: false, rows: summary?.dataRows ?? 0, written: 0, points: 0,
            minutes: 0, activities: [], problems: [.init(row: error.row ?? 1, column: nil, reason: error.reason.rawValue, message: error.message)],
            unreportedProblems: 0, listed: [], unlistedRows: 0)
        if let summary { result.describe(summary) }
        return result
    }
}

extension SheetUploadResult {
    init(
        dryRun: Bool, key: String, alreadyImported: Bool, rows: Int, written: Int, points: Int64, minutes: Int64, firstSeq: Int64? = nil,
        lastSeq: Int64? = nil, activities: [String], problems: [Problem], unreportedProblems: Int, listed: [Row], unlistedRows: Int
    ) {
        self.init(
            dryRun: dryRun, key: key, alreadyImported: alreadyImported, rows: rows, written: written, points: points, minutes: minutes,
            firstSeq: firstSeq, lastSeq: lastSeq, activities: activities, problems: problems, unreportedProblems: unreportedProblems,
            encoding: nil, delimiter: nil, notes: [], listed: listed, unlistedRows: unlistedRows)
    }

    /// What the reader found: the encoding, the delimiter, its notes.
    mutating func describe(_ summary: SheetSummary) {
        encoding = summary.encoding.description
        delimiter = summary.delimiter.description
        notes = summary.notes
    }
}

/// The shared adapter, with each valid row written down as it passes (up
/// to ``HTTPLimits/sheetListedRows``), so that a page can show the sheet as
/// read. Called on the writer's queue while the route waits.
private final class ListedRows: AwardSheetRows {
    let rows: SheetRows
    private(set) var listed: [SheetUploadResult.Row] = []
    private(set) var unlisted = 0

    init(_ rows: SheetRows) { self.rows = rows }

    func next() throws(LedgerError) -> AwardSheetItem? {
        let item = try rows.next()
        if case .row(let row)? = item {
            if listed.count < HTTPLimits.sheetListedRows {
                listed.append(.init(row: row.row, volunteer: row.volunteer, minutes: row.minutes, activity: row.activity))
            } else {
                unlisted += 1
            }
        }
        return item
    }
}
