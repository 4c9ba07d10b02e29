public import JiazhouCore

/// Why a sheet cannot be read at all: no header, no rows, an unreadable
/// file. A bad row is not this but a ``SheetProblem``, and reading goes on.
public struct SheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sheet-level reasons. Raw values are the wire names.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The source could not be opened or read.
        case read_failed
        /// No rows at all, or a header and no data rows under it.
        case empty_sheet
        /// No header with a volunteer column and a minutes or hours column.
        case missing_column
        /// Two columns give the same thing (two volunteer columns, or minutes and hours).
        case duplicate_column
        /// The header row itself is malformed: a quote never closed, a cell
        /// or the row over its limit, more than ``SheetLimits/columns`` columns.
        case bad_header
        /// More data rows than ``SheetOptions/maxDataRows``, or an .xlsx over
        /// one of ``SheetLimits``' bounds (a zip bomb among them).
        case too_large
        /// Not a sheet this reader reads: an old .xls, or a password-protected .xlsx.
        case unsupported_format
        /// An .xlsx whose archive or XML is damaged, or a ZIP that is no workbook.
        case bad_workbook
        /// `--sheet NAME` names no worksheet of the workbook.
        case unknown_sheet
    }

    /// Why, as a stable wire name.
    public var reason: Reason
    /// What is wrong and what to do.
    public var message: String
    /// The spreadsheet row it concerns, if one.
    public var row: Int?
    /// The underlying error, if any (the system's error for a failed read).
    public var cause: String?

    /// A sheet-level refusal.
    public init(_ reason: Reason, _ message: String, row: Int? = nil, cause: String? = nil) {
        self.reason = reason
        self.message = message
        self.row = row
        self.cause = cause
    }

    public var description: String { "\(reason.rawValue): \(message)" }

    /// The refusal a service returns for this sheet: `too_large` for a sheet
    /// over its row limit, `invalid_request` for the rest.
    public var ledgerError: LedgerError {
        LedgerError(reason == .too_large ? .too_large : .invalid_request, message, cause: cause)
    }
}
