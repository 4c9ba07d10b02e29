import JiazhouCore
import JiazhouService
import JiazhouSheets

/// A sheet's reader as the service's bulk award reads it: each valid row as
/// a participant, each problem as a refused row. The service does the rest
/// (authorization, pricing, appending, idempotency) in its transaction.
final class SheetRows: AwardSheetRows {
    let reader: SheetReader

    init(_ reader: SheetReader) { self.reader = reader }

    func next() throws(LedgerError) -> AwardSheetItem? {
        let item: SheetItem?
        do { item = try reader.next() } catch { throw error.ledgerError }
        switch item {
        case nil: return nil
        case .row(let row)?:
            return .row(
                AwardSheetRow(
                    row: row.row, volunteer: row.volunteer, minutes: row.minutes, activity: row.activity.id, category: row.activity.category,
                    start: row.activity.start, tags: row.activity.tags))
        case .problem(let problem)?:
            return .problem(.init(row: problem.row, column: problem.column?.description, reason: problem.reason.rawValue, message: problem.message))
        }
    }
}
