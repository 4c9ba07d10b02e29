/// The problems found in one row so far, with the row and its header at hand
/// to name the place of each.
struct RowReport {
    let header: SheetHeader
    let row: Int
    private(set) var problems: [SheetProblem] = []

    init(header: SheetHeader, row: Int) {
        self.header = header
        self.row = row
    }

    /// Adds a problem in 0-based cell `cell` (`nil`: the row as a whole).
    mutating func add(_ reason: SheetProblem.Reason, _ cell: Int?, _ message: String) {
        problems.append(SheetProblem(row: row, column: cell.map(column), reason: reason, message: message))
    }

    /// The header's column for 0-based cell `cell`, or a nameless one past the header's end.
    func column(_ cell: Int) -> SheetColumn {
        cell < header.columns.count ? header.columns[cell] : SheetColumn(index: cell + 1, name: "", role: .ignored)
    }
}
