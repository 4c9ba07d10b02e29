/// What is wrong with one row: where, why (a stable reason) and what to do.
///
/// The reader reports every problem of every row in one pass, so that a
/// coordinator can fix the whole sheet at once.
public struct SheetProblem: Sendable, Hashable, CustomStringConvertible {
    /// Why a row was refused. Raw values are the wire names; append-only.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// A required cell (volunteer, minutes or hours) is empty.
        case missing_value
        /// The volunteer cell is not an id like `V000123` or `volunteer:V000123`.
        case bad_volunteer
        /// The minutes or hours cell is not a number of whole minutes.
        case bad_minutes
        /// Minutes below 1 or above one day (``JiazhouCore/Limits/minutesPerActivity``).
        case minutes_out_of_range
        /// The volunteer already appears in an earlier row for the same activity.
        case duplicate_volunteer
        /// A cell has bytes that are not text in the sheet's encoding.
        case bad_encoding
        /// The row has fewer cells than the header, or values past its last column.
        case ragged_row
        /// The start cell is not a time like `2026-11-23 08:30` or RFC 3339.
        case bad_start
        /// The activity, category or tags cell is outside its limits.
        case bad_activity
        /// A quoted cell whose closing quote never came: the rest of the sheet was read into it.
        case unclosed_quote
        /// A cell or the row is longer than ``SheetLimits/cellBytes`` or
        /// ``SheetLimits/rowBytes``, or the row has too many columns.
        case too_long
        /// A sign-in or sign-out cell is not a time like `08:30` or `2026-11-23 08:30`.
        case bad_time
        /// The sign-out is before the sign-in.
        case sign_out_before_sign_in
        /// An .xlsx cell holds a formula that was never calculated, so it has
        /// no value to read (a sheet written by a program, not saved by Excel).
        case formula_without_value
    }

    /// The spreadsheet row, counting the header (usually row 1) and blank rows.
    public var row: Int
    /// The column, if the problem is in one cell.
    public var column: SheetColumn?
    /// Why, as a stable wire name.
    public var reason: Reason
    /// What is wrong, quoting the cell, and what would be right.
    public var message: String

    /// A problem in `row`, in `column` if it concerns one cell.
    public init(row: Int, column: SheetColumn?, reason: Reason, message: String) {
        self.row = row
        self.column = column
        self.reason = reason
        self.message = message
    }

    /// `row 7, column C (服务时长(分钟)): minutes_out_of_range: …`
    public var description: String {
        let place = column.map { "row \(row), column \($0)" } ?? "row \(row)"
        return "\(place): \(reason.rawValue): \(message)"
    }
}
