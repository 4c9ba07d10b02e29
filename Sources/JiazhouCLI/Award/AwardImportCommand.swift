import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService
import JiazhouSheetAward
import JiazhouSheets

/// `jiazhou award import SHEET`: a coordinator's sheet, awarded whole.
struct AwardImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Award every row of an activity sheet (.xlsx, or CSV or tab-separated in UTF-8 or GB18030), all or nothing.",
        discussion: """
            Columns: volunteer (志愿者编号) and minutes (时长(分钟)), hours (时长(小时)), a duration with units in \
            its cells (服务时长: 2小时, 90分钟, 1小时30分, 2:30) or sign-in and sign-out times (签到时间, 签退时间); optionally activity \
            (活动编号), category (类别: an id or its label, e.g. 上门服务), start (开始时间) and tags (标签), which \
            override the options for their row. Names (姓名) are read and discarded. Title rows above the header, \
            a totals row (合计) and notes under the table (备注：…) are skipped with a note.

            Every row is checked and priced in order (caps and budgets apply row by row). On any bad row nothing \
            is written and every bad row is listed with its row number, column and reason. Running the same sheet \
            again writes nothing: the sheet's SHA-256 is its idempotency key unless --key names one.

              jiazhou award import cleanup.csv --activity cleanup-1205 --category environment \\
                  --start 2026-12-05T08:30:00+08:00 --scope shizhong/haitang/jiulongxiang --actor coordinator:office-jiulongxiang
            """
    )

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The sheet.")
    var sheet: String

    @Option(help: "The activity id, for rows without an activity column.")
    var activity: String?

    @Option(help: "The category (id or label), for rows without a category column.")
    var category: String?

    @Option(help: "When the activity started (RFC 3339 with offset), for rows without a start column.")
    var start: String?

    @Option(help: "The issuing scope: its issuer pays.")
    var scope: String

    @Option(help: "Activity tags, comma-separated, for rows without a tags column.")
    var tags: String = ""

    @Option(help: "The activity's title (活动名称), printed on certificates, for rows without a title column.")
    var title: String?

    @Option(help: "The acting principal: a coordinator of the scope, or the operator.")
    var actor: String = AccountID.rootOperator.text

    @Option(name: .customLong("idempotency-key"), help: "The import's key (default: sheet: and the sheet's SHA-256).")
    var idempotencyKey: String?

    @Option(help: "Force the sheet's encoding: utf8, utf16le, utf16be or gb18030.")
    var encoding: String?

    @Option(name: .customLong("sheet"), help: "The worksheet of an .xlsx to read, by name (default: the first).")
    var worksheet: String?

    @Option(help: "Also write the rows' problems to FILE.xlsx or FILE.csv, to fix them in the sheet they came from.")
    var report: String?

    @Flag(help: "Check and price every row, print the totals, write nothing.")
    var dryRun = false

    func run() async throws {
        try await reportingErrors {
            var options = SheetOptions()
            if let encoding { options.encoding = try Self.encoding(encoding) }
            options.sheet = worksheet
            let request = AwardSheetRequest(
                sheetDigest: try FileDigest.sha256(path: sheet),
                defaults: .init(
                    activity: activity, category: category, start: start,
                    tags: tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }, scope: try Scope(scope),
                    title: title),
                worksheet: worksheet, dryRun: dryRun)
            let key = idempotencyKey ?? request.defaultKey
            let size = (try? FileManager.default.attributesOfItem(atPath: sheet)[.size] as? Int) ?? 0
            let meter = ProgressMeter(totalBytes: size)
            let source = try CountingSource(path: sheet, meter: meter)
            let reader: SheetReader
            do throws(SheetError) { reader = try SheetReader(source: source, options: options) } catch { throw error.ledgerError }
            let service = try ledger.open(readonly: false)
            let outcome: AwardSheetResult
            do {
                outcome = try await service.awardSheet(request, rows: SheetRows(reader), actor: try AccountID(actor), key: key) { rows in meter.rows(rows) }
            } catch {
                meter.finish()
                throw error
            }
            meter.finish()
            if let report, !outcome.alreadyImported { try ReportFile.write(ReportTables.problems(outcome.problems, unreported: outcome.unreportedProblems), format: ReportFormat.of(path: report), to: report, sheet: "问题") }
            try self.report(outcome, key: key, summary: reader.summary, seconds: meter.seconds)
        }
    }

    private func report(_ outcome: AwardSheetResult, key: String, summary: SheetSummary, seconds: Double) throws {
        let rate = seconds > 0 ? Int(Double(outcome.rows) / seconds) : 0
        let format = summary.sheet.map { "xlsx, sheet \($0)" } ?? "\(summary.encoding), \(summary.delimiter)"
        let read = "\(summary.dataRows) rows (\(format)), \(outcome.activities.count) activities"
        if outcome.alreadyImported {
            print("\(sheet): already imported under key \(key); nothing written")
            return
        }
        for note in summary.notes { Terminal.note("note: \(note)") }
        guard outcome.problems.isEmpty else {
            Terminal.error("\(sheet): \(outcome.problems.count + outcome.unreportedProblems) problems in \(read); nothing was written")
            for problem in outcome.problems {
                Terminal.note("  row \(problem.row)\(problem.column.map { ", column \($0)" } ?? ""): \(problem.reason): \(problem.message)")
            }
            if outcome.unreportedProblems > 0 { Terminal.note("  … and \(outcome.unreportedProblems) more") }
            throw ExitCode(1)
        }
        if dryRun {
            print("dry run: \(read) would award \(outcome.points) points for \(outcome.minutes) counted minutes; nothing written")
        } else {
            print("awarded \(read): \(outcome.points) points for \(outcome.minutes) counted minutes, entries \(outcome.firstSeq ?? 0)…\(outcome.lastSeq ?? 0)")
        }
        print(String(format: "%.2f s, %d rows/s", seconds, rate))
    }

    static func encoding(_ name: String) throws(LedgerError) -> SheetEncoding {
        switch name.lowercased() {
        case "utf8", "utf-8": .utf8
        case "utf16le", "utf-16le": .utf16LittleEndian
        case "utf16be", "utf-16be": .utf16BigEndian
        case "gb18030", "gbk", "gb2312": .gb18030
        default: throw LedgerError(.invalid_request, "--encoding is utf8, utf16le, utf16be or gb18030, not \(name)")
        }
    }
}
