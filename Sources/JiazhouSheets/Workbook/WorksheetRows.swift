/// A worksheet's rows, one ``Record`` at a time, as ``RowStream`` hands them
/// to the header search and the row checks: the same cells, in the same
/// form, as the CSV reader gives for the sheet saved as CSV.
///
/// Rows absent from the part are blank, and not handed out; every row is
/// padded to the sheet's used width (what Excel's CSV export does), so that
/// a row whose last cells are empty is not ragged.
struct WorksheetRows {
    private let cells: WorksheetCells
    /// The worksheet's name.
    let sheet: String
    private var index = -1
    private(set) var record = Record()
    /// The Excel row of ``record``.
    private(set) var row = 0

    init(cells: WorksheetCells, sheet: String) {
        self.cells = cells
        self.sheet = sheet
    }

    /// Reads the next row into ``record``; `false` after the last.
    mutating func next() -> Bool {
        index += 1
        guard index < cells.rows.count else { return false }
        row = cells.rows[index].number
        record.reset()
        // Past the column limit the row is too wide whatever else it holds: one more cell says so.
        let width = min(cells.width, SheetLimits.columns + 1)
        var column = 1
        cells.text.withUnsafeBufferPointer { text in
            for cellIndex in cells.cells(ofRow: index).indices {
                let cell = cells.cells[cellIndex]
                guard Int(cell.column) <= width else { break }
                while column < cell.column {
                    record.endCell()
                    column += 1
                }
                let range = cells.range(ofCell: cellIndex)
                let bytes = UnsafeBufferPointer(rebasing: text[range])
                if bytes.contains(where: { $0 >= 0x80 }) { record.hasNonASCII = true }
                record.append(bytes)
                if cell.isUncalculated { record.markUncalculated() }
                record.endCell()
                column += 1
            }
        }
        while column <= width {
            record.endCell()
            column += 1
        }
        return true
    }

    /// Bytes held: the whole sheet's cells, read at once (a worksheet is one
    /// XML part, read whole), and the row.
    var heldBytes: Int { cells.text.capacity + cells.cells.capacity * MemoryLayout<WorksheetCells.Cell>.stride + record.heldBytes }
}
