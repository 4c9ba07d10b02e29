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

    /// The roles that give the minutes, of which a header has one.
    static let durationRoles: Set<SheetColumn.Role> = [.minutes, .hours, .duration]

    /// The columns of a row if it is a header: if one of its cells names the
    /// volunteer, a duration or a sign-in column. `nil` for any other row (a title).
    static func columns(of cells: [String]) -> [SheetColumn]? {
        let columns = cells.enumerated().map { SheetColumn(index: $0.offset + 1, name: $0.element, role: role(of: $0.element)) }
        guard columns.contains(where: { [.volunteer, .minutes, .hours, .duration, .signIn, .signOut].contains($0.role) }) else { return nil }
        return columns
    }

    /// Checks that the header has one volunteer column, one minutes or hours
    /// column, and at most one of each activity column.
    private static var required: String {
        "a volunteer column (\(list(.volunteer))) and a minutes column (\(list(.minutes))), an hours column (\(list(.hours))), a duration column with units in its cells (\(list(.duration))) or sign-in and sign-out columns (\(list(.signIn)); \(list(.signOut)))"
    }

    static func validate(_ header: SheetHeader) throws(SheetError) {
        let hasDuration = header.columns.contains { durationRoles.contains($0.role) }
        let hasSignTimes = header.column(.signIn) != nil && header.column(.signOut) != nil
        guard header.column(.volunteer) != nil, hasDuration || hasSignTimes else {
            throw SheetError(
                .missing_column,
                "the header in row \(header.row) needs \(required); it has \(found(header.columns.map(\.name)))",
                row: header.row)
        }
        let used = header.columns.filter { ![.ignored, .personalData].contains($0.role) }
        for (index, column) in used.enumerated() {
            let sameRole: (SheetColumn) -> Bool = { $0.role == column.role || durationRoles.isSuperset(of: [$0.role, column.role]) }
            if let other = used[(index + 1)...].first(where: sameRole) {
                throw SheetError(
                    .duplicate_column,
                    "columns \(column) and \(other) in row \(header.row) both give the \(durationRoles.contains(column.role) ? "minutes" : column.role.rawValue); keep one of them",
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
