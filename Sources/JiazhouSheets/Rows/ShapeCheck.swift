/// Checks a row's shape before its cells are read: a quote never closed, a
/// cell or the row over its limit, cells that do not line up with the
/// header. A misshapen row gets one report for its shape and no more, since
/// its cells may have shifted and any further message would mislead.
enum ShapeCheck {
    /// `false` if the row's cells cannot be read, after reporting why.
    static func check(_ record: Record, header: SheetHeader, bytes: UnsafeBufferPointer<UInt8>, into report: inout RowReport) -> Bool {
        if let cell = record.unclosedQuoteCell {
            report.add(.unclosed_quote, cell, "a quote opens in this cell and never closes, so the rest of the sheet (\(record.byteCount) bytes) was read into it; close the quote or remove it")
            return false
        }
        if record.isTooWide {
            report.add(.too_long, nil, "the row has \(record.cellCount) cells; a sheet has at most \(SheetLimits.columns) columns")
            return false
        }
        if record.isOverlong {
            report.add(.too_long, nil, "the row is \(record.byteCount) bytes long; a row is at most \(SheetLimits.rowBytes) bytes")
            return false
        }
        for cell in record.overlongCells {
            report.add(.too_long, cell, "the cell is longer than \(SheetLimits.cellBytes) bytes")
        }
        guard record.overlongCells.isEmpty else { return false }
        for cell in record.uncalculatedCells where cell < header.columns.count && ![.ignored, .personalData].contains(header.columns[cell].role) {
            report.add(.formula_without_value, cell, "the cell holds a formula that was never calculated, so it has no value; open the file in Excel or WPS, let it calculate, save it, and import it again")
        }
        let cells = record.keptCells, headerCells = header.columns.count
        if cells < header.requiredCells {
            report.add(.ragged_row, nil, "the row has \(cells) cells where the header has \(headerCells): a cell is missing, or a delimiter inside a cell has no quotes around it")
            return false
        }
        if cells > headerCells,
            let extra = (headerCells..<cells).first(where: { !CellText.trimmed(bytes, record.range(ofCell: $0)).isEmpty })
        {
            report.add(.ragged_row, extra, "the row has a value in column \(SheetColumn.letters(extra + 1)), past the header's last column \(SheetColumn.letters(headerCells)): a delimiter inside a cell may need quotes around it")
            return false
        }
        return true
    }
}
