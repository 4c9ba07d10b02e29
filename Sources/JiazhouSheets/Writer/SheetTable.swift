/// A table to hand back to a coordinator as a spreadsheet: a report, or a
/// dry run's problems by row. Written as CSV (``csvBytes``) or .xlsx
/// (``xlsxBytes(sheet:)``), and both read back through ``SheetReader``.
///
/// ```swift
/// var table = SheetTable(header: ["行", "列", "原因", "说明"])
/// table.append([.number(7), .text("C"), .text("bad_minutes"), .text("say 小时 or 分钟")])
/// try Data(table.xlsxBytes(sheet: "问题")).write(to: url)
/// ```
public struct SheetTable: Sendable, Hashable {
    /// One cell.
    public enum Value: Sendable, Hashable, ExpressibleByStringLiteral {
        case text(String)
        /// A whole number: points and minutes are whole, and an Excel number
        /// (a double) holds them exactly up to 2^53.
        case number(Int64)
        case empty

        public init(stringLiteral text: String) { self = .text(text) }
    }

    /// The first row, in bold in an .xlsx.
    public var header: [String]
    /// The rows under it; a row may be shorter or longer than the header.
    public private(set) var rows: [[Value]] = []

    /// A table with `header` and no rows yet.
    public init(header: [String]) { self.header = header }

    /// Adds a row.
    public mutating func append(_ row: [Value]) {
        precondition(rows.count < SheetLimits.writtenRows, "a table holds at most \(SheetLimits.writtenRows) rows")
        rows.append(row)
    }

    /// Every row, the header first.
    var allRows: [[Value]] { [header.map(Value.text)] + rows }
}
