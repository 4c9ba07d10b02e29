public import JiazhouCore
public import JiazhouService
public import JiazhouSheets

/// A sheet's reader as the service's bulk award reads it: each valid row as
/// a participant, each problem as a refused row. The service does the rest
/// (authorization, pricing, appending, idempotency) in its transaction.
///
/// The one bridge between ``JiazhouSheets`` (which knows no ledger) and
/// ``LedgerService/awardSheet(_:rows:actor:key:progress:)``, used by
/// `jiazhou award import` and by the HTTP upload alike.
///
/// ```swift
/// let reader = try SheetReader(source: SheetBytes(bytes))
/// let rows = SheetRows(reader)
/// let result = try await service.awardSheet(request, rows: rows, actor: actor, key: nil)
/// if let refusal = rows.sheetError { … }   // the sheet itself was refused (no rows under the header…)
/// ```
public final class SheetRows: AwardSheetRows {
    public let reader: SheetReader
    /// The reader's own refusal of the whole sheet, if it threw one: the
    /// service sees it as a ``LedgerError``, a transport may say more.
    public private(set) var sheetError: SheetError?

    public init(_ reader: SheetReader) { self.reader = reader }

    public func next() throws(LedgerError) -> AwardSheetItem? {
        let item: SheetItem?
        do {
            item = try reader.next()
        } catch {
            sheetError = error
            throw error.ledgerError
        }
        switch item {
        case nil: return nil
        case .row(let row)?:
            return .row(
                AwardSheetRow(
                    row: row.row, volunteer: row.volunteer, minutes: row.minutes, activity: row.activity.id, category: row.activity.category,
                    start: row.activity.start, tags: row.activity.tags, title: row.activity.title))
        case .problem(let problem)?:
            return .problem(.init(row: problem.row, column: problem.column?.description, reason: problem.reason.rawValue, message: problem.message))
        }
    }
}
