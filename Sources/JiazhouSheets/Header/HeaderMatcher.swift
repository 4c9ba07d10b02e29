/// Recognises a header row and checks that it has what an award needs.
enum HeaderMatcher {
    /// Every known header name, normalised, with its role.
    private static let roleByName: [String: SheetColumn.Role] = {
        var table: [String: SheetColumn.Role] = [:]
        for role in SheetColumn.Role.allCases {
            for name in role.headerNames { table[normalised(name)] = role }
        }
        return table
    }()

    /// A header name as compared: full-width forms folded, ASCII lowercased,
    /// spaces, `_` and `-` removed.
    static func normalised(_ name: String) -> String {
        let folded = CellText.foldingFullWidth(Array(name.utf8))
        let kept = folded.compactMap { byte -> UInt8? in
            switch byte {
            case 0x20, 0x09, UInt8(ascii: "_"), UInt8(ascii: "-"): nil
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
            default: byte
            }
        }
        return String(decoding: kept, as: UTF8.self)
    }

    static func role(of name: String) -> SheetColumn.Role {
        roleByName[normalised(name)] ?? .ignored
    }

    /// The columns of a row if it is a header: if one of its cells names the
    /// volunteer, minutes or hours column. `nil` for any other row (a title).
    static func columns(of cells: [String]) -> [SheetColumn]? {
        let columns = cells.enumerated().map { SheetColumn(index: $0.offset + 1, name: $0.element, role: role(of: $0.element)) }
        guard columns.contains(where: { [.volunteer, .minutes, .hours].contains($0.role) }) else { return nil }
        return columns
    }

    /// Checks that the header has one volunteer column, one minutes or hours
    /// column, and at most one of each activity column.
    private static var required: String {
        "a volunteer column (\(list(.volunteer))) and a minutes column (\(list(.minutes))) or an hours column (\(list(.hours)))"
    }

    static func validate(_ header: SheetHeader) throws(SheetError) {
        guard header.column(.volunteer) != nil, header.column(.minutes) != nil || header.column(.hours) != nil else {
            throw SheetError(
                .missing_column,
                "the header in row \(header.row) needs \(required); it has \(found(header.columns.map(\.name)))",
                row: header.row)
        }
        let used = header.columns.filter { ![.ignored, .personalData].contains($0.role) }
        for (index, column) in used.enumerated() {
            let sameRole: (SheetColumn) -> Bool = { $0.role == column.role || Set([$0.role, column.role]) == [.minutes, .hours] }
            if let other = used[(index + 1)...].first(where: sameRole) {
                throw SheetError(
                    .duplicate_column,
                    "columns \(column) and \(other) in row \(header.row) both give the \(column.role == .hours ? "minutes" : column.role.rawValue); keep one of them",
                    row: header.row)
            }
        }
    }

    /// What the reader says when no header can be found among the first rows.
    static func noHeader(firstRow: Int, cells: [String], encoding: SheetEncoding) -> SheetError {
        SheetError(
            .missing_column,
            "no header among the first \(SheetLimits.headerSearchRows) rows: a header needs \(required); row \(firstRow) has \(found(cells)) (read as \(encoding): if that looks garbled, the sheet is in another encoding)",
            row: firstRow)
    }

    /// `a, b or c`
    private static func list(_ role: SheetColumn.Role) -> String {
        let names = role.headerNames
        return names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    private static func found(_ names: [String]) -> String {
        let named = names.filter { !$0.isEmpty }
        guard !named.isEmpty else { return "no column names" }
        let shown = named.prefix(12).map { "\"\($0.prefix(40))\"" }.joined(separator: ", ")
        return named.count > 12 ? shown + " and \(named.count - 12) more" : shown
    }
}
