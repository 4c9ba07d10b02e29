import Foundation
import JiazhouCore
import JiazhouService
import JiazhouSheetAward
import JiazhouSheets

extension DemoPlay {
    /// A grid worker's sheet from Saturday's clean-up, awarded whole, as
    /// `jiazhou award import` does it.
    func importSheet(seeds: String) async throws {
        let path = seeds + "/activities/cleanup-jiulongxiang-2026-12-05.csv"
        let scope = try Scope("shizhong/haitang/jiulongxiang")
        clock.advance(to: Timestamp(rfc3339: "2026-12-05T12:00:00+08:00")!)
        let reader: SheetReader
        do throws(SheetError) { reader = try SheetReader(path: path) } catch { throw error.ledgerError }
        let request = AwardSheetRequest(
            sheetDigest: try FileDigest.sha256(path: path),
            defaults: .init(activity: "cleanup-jiulongxiang-2026-12-05", category: "environment", start: "2026-12-05T08:30:00+08:00", tags: [], scope: scope),
            dryRun: false)
        let outcome = try await service.awardSheet(
            request, rows: SheetRows(reader), actor: AccountID(unchecked: .coordinator, "office-jiulongxiang"), key: "sheet:cleanup-jiulongxiang-2026-12-05")
        guard outcome.problems.isEmpty else {
            throw LedgerError(.invalid_request, "\(path): \(outcome.problems.first.map { "row \($0.row): \($0.message)" } ?? "")")
        }
        print("\nawarded the sheet \(path) (\(reader.summary.encoding), \(reader.summary.dataRows) rows) in one transaction: \(outcome.points) points, entries \(outcome.firstSeq ?? 0)…\(outcome.lastSeq ?? 0)")
    }

    /// Sunday's sign-in workbook (签到表) from Baiyang, as the grid worker
    /// keeps it in Excel: a merged title, sign-in and sign-out times,
    /// durations with units, a hidden row, a totals row and notes below.
    func importWorkbook(seeds: String) async throws {
        let path = seeds + "/activities/signin-baiyang-2026-12-06.xlsx"
        clock.advance(to: Timestamp(rfc3339: "2026-12-06T18:00:00+08:00")!)
        let reader: SheetReader
        do throws(SheetError) { reader = try SheetReader(path: path) } catch { throw error.ledgerError }
        let request = AwardSheetRequest(
            sheetDigest: try FileDigest.sha256(path: path),
            defaults: .init(
                activity: "cleanup-baiyang-1206", category: nil, start: nil, tags: [], scope: try Scope("shizhong/tongjiang/baiyang"), title: "白杨社区周日清洁家园"),
            dryRun: false)
        let outcome = try await service.awardSheet(
            request, rows: SheetRows(reader), actor: AccountID(unchecked: .coordinator, "office-baiyang"), key: "sheet:signin-baiyang-2026-12-06")
        guard outcome.problems.isEmpty else {
            throw LedgerError(.invalid_request, "\(path): \(outcome.problems.first.map { "row \($0.row): \($0.message)" } ?? "")")
        }
        print("awarded the workbook \(path) (sheet \(reader.summary.sheet ?? "1"), \(reader.summary.dataRows) participants; \(reader.summary.notes.count) notes, e.g. \(reader.summary.notes.first ?? "none")): \(outcome.points) points for \(outcome.minutes) counted minutes")
    }
}
