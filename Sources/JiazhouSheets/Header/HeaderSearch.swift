/// Finds the header: the first non-blank row that names a volunteer,
/// minutes or hours column, among the first ``SheetLimits/headerSearchRows``.
/// Rows above it (a title, a date line) are skipped and noted.
enum HeaderSearch {
    static func find(in rows: inout RowStream) throws(SheetError) -> (SheetHeader, notes: [String]) {
        var first: (row: Int, cells: [String])?
        var skipped: [String] = []
        var nonBlank = 0
        while try rows.next() {
            let record = rows.record
            guard !RowValidator.isBlank(record) else { continue }
            nonBlank += 1
            try checkShape(record, row: rows.row)
            let cells = record.bytes.withUnsafeBufferPointer { bytes in
                (0..<record.keptCells).map { String(decoding: bytes[CellText.trimmed(bytes, record.range(ofCell: $0))], as: UTF8.self) }
            }
            if let columns = HeaderMatcher.columns(of: cells) {
                let header = SheetHeader(row: rows.row, columns: columns)
                try HeaderMatcher.validate(header)
                return (header, skipped + notes(on: header))
            }
            if first == nil { first = (rows.row, cells) }
            let title = cells.filter { !$0.isEmpty }.joined(separator: " ")
            skipped.append("row \(rows.row) (\"\(title.prefix(40))\") is above the header and was skipped")
            guard nonBlank < SheetLimits.headerSearchRows else { break }
        }
        guard let first else {
            throw SheetError(.empty_sheet, "the sheet has no rows; it needs a header row and a row per participant")
        }
        throw HeaderMatcher.noHeader(firstRow: first.row, cells: first.cells, encoding: rows.encoding)
    }

    private static func checkShape(_ record: Record, row: Int) throws(SheetError) {
        let fault: String? =
            if record.unclosedQuoteCell != nil { "opens a quote that never closes" }
            else if record.isTooWide { "has \(record.cellCount) cells; at most \(SheetLimits.columns)" }
            else if record.isOverlong { "is longer than \(SheetLimits.rowBytes) bytes" }
            else if !record.overlongCells.isEmpty { "has a cell longer than \(SheetLimits.cellBytes) bytes" }
            else { nil }
        if let fault { throw SheetError(.bad_header, "row \(row), where the header should be, \(fault)", row: row) }
    }

    private static func notes(on header: SheetHeader) -> [String] {
        var notes: [String] = []
        let unknown = header.columns.filter { $0.role == .ignored && !$0.name.isEmpty }
        if !unknown.isEmpty {
            notes.append("\(unknown.count == 1 ? "column" : "columns") \(unknown.map(\.description).joined(separator: ", ")) \(unknown.count == 1 ? "is" : "are") not known to the reader; \(unknown.count == 1 ? "its" : "their") cells are ignored")
        }
        for column in header.columns where column.role == .personalData {
            notes.append("column \(column) is personal data: read and discarded, never kept")
        }
        return notes
    }
}
