/// The header row of a sheet and what each column holds.
public struct SheetHeader: Sendable, Hashable {
    /// The row the header is on (1 unless title rows stand above it).
    public var row: Int
    /// Every column of the header, in order.
    public var columns: [SheetColumn]

    /// A header on spreadsheet row `row`.
    public init(row: Int, columns: [SheetColumn]) {
        self.row = row
        self.columns = columns
    }

    /// The column holding `role`, if there is one.
    public func column(_ role: SheetColumn.Role) -> SheetColumn? { columns.first { $0.role == role } }

    /// How many cells a row needs: up to the last named column. Excel pads
    /// every row to the sheet's used width, so empty header cells after the
    /// last name are not required in rows that end earlier.
    var requiredCells: Int { (columns.lastIndex { !$0.name.isEmpty } ?? -1) + 1 }
}
