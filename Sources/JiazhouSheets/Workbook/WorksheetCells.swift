/// A worksheet's cells as the text a CSV export would give, packed: every
/// cell's UTF-8 back to back in one array, so that a sheet of a million
/// cells costs their text and 12 bytes a cell, not a million strings.
struct WorksheetCells {
    struct Cell {
        /// 1-based column.
        var column: Int32
        /// Where the cell's text ends in ``WorksheetCells/text``.
        var end: Int32
        /// A formula without a calculated value: no text to read.
        var isUncalculated: Bool
    }

    struct Row {
        /// 1-based row number, as Excel shows it.
        var number: Int
        /// Where the row's cells start in ``WorksheetCells/cells``.
        var firstCell: Int
    }

    private(set) var text: [UInt8] = []
    private(set) var cells: [Cell] = []
    private(set) var rows: [Row] = []
    /// The last column with a value in any row: the sheet's used width, to
    /// which every row is padded, as Excel pads a CSV export.
    private(set) var width = 0

    mutating func startRow(_ number: Int) {
        rows.append(Row(number: number, firstCell: cells.count))
    }

    /// Adds a cell to the last row; an empty cell without a formula is not kept.
    mutating func add(column: Int, text value: String, isUncalculated: Bool) throws(SheetError) {
        guard !value.isEmpty || isUncalculated else { return }
        guard cells.count < SheetLimits.workbookCells else {
            throw SheetError(.too_large, "the .xlsx sheet has more than \(SheetLimits.workbookCells) cells with values; split it or save it as CSV")
        }
        guard text.count + value.utf8.count < Int(Int32.max) else {
            throw SheetError(.too_large, "the .xlsx sheet holds more than 2 GiB of text; split it or save it as CSV")
        }
        text.append(contentsOf: value.utf8)
        cells.append(Cell(column: Int32(column), end: Int32(text.count), isUncalculated: isUncalculated))
        width = max(width, column)
    }

    /// The cells of row `index` (into ``rows``).
    func cells(ofRow index: Int) -> ArraySlice<Cell> {
        let end = index + 1 < rows.count ? rows[index + 1].firstCell : cells.count
        return cells[rows[index].firstCell..<end]
    }

    /// The text range of cell `index` (into ``cells``).
    func range(ofCell index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(cells[index - 1].end))..<Int(cells[index].end)
    }
}
