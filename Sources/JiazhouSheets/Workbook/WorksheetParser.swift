import Foundation

/// Reads a worksheet part (`xl/worksheets/sheet1.xml`, ECMA-376 Part 1,
/// §18.3) into ``WorksheetCells``: each cell's value as text, the way
/// Excel's own CSV export writes it, so that the CSV checks apply unchanged.
///
/// Shared strings (`t="s"`) are looked up; inline strings (`t="inlineStr"`)
/// and formula strings (`t="str"`) are their text; booleans are `TRUE` and
/// `FALSE`; numbers with a date or time format become `2026-11-23 08:30`;
/// a formula's cached value (`<v>`) is read, and a formula without one is
/// marked, for the row check to report.
final class WorksheetParser: XMLPartReader {
    private let strings: [String]
    private let formats: [NumberFormat]
    private let date1904: Bool
    private let path: String
    private(set) var cells = WorksheetCells()

    private var rowNumber = 0
    private var inSheetData = false
    private var column = 0
    private var type = ""
    private var style = 0
    private var hasFormula = false
    private var value = ""
    private var hasValue = false
    private var inValue = false
    private var inline = ""
    private var inInlineText = false
    private var inPhonetic = false

    init(strings: [String], formats: [NumberFormat], date1904: Bool, path: String) {
        self.strings = strings
        self.formats = formats
        self.date1904 = date1904
        self.path = path
    }

    func start(_ name: String, _ attributes: [String: String]) throws(SheetError) {
        switch name {
        case "sheetData":
            inSheetData = true
        case "row" where inSheetData:
            let number = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            guard number > rowNumber, number <= SheetLimits.workbookRows else {
                throw XMLEvents.damaged(path, "lists row \(number) after row \(rowNumber)")
            }
            rowNumber = number
            column = 0
            cells.startRow(number)
        case "c" where inSheetData:
            let next = attributes["r"].flatMap(Self.column(ofReference:)) ?? column + 1
            guard next > column else { throw XMLEvents.damaged(path, "lists cell \(attributes["r"] ?? "") after column \(SheetColumn.letters(column))") }
            column = next
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            (hasFormula, value, hasValue, inline) = (false, "", false, "")
        case "f":
            hasFormula = true
        case "v":
            inValue = true
            hasValue = true
        case "t":
            inInlineText = !inPhonetic
        case "rPh":
            inPhonetic = true
        default:
            break
        }
    }

    func end(_ name: String) throws(SheetError) {
        switch name {
        case "sheetData": inSheetData = false
        case "v": inValue = false
        case "t": inInlineText = false
        case "rPh": inPhonetic = false
        case "c" where inSheetData: try endCell()
        default: break
        }
    }

    func text(_ text: String) {
        // Kept just past a cell's limit, so that the row check reports it and memory stays bounded.
        if inValue, value.utf8.count <= SheetLimits.cellBytes { value += text }
        if inInlineText, inline.utf8.count <= SheetLimits.cellBytes { inline += text }
    }

    private func endCell() throws(SheetError) {
        let trimmed = value.trimmingSpaces
        if hasFormula, !hasValue || (trimmed.isEmpty && type != "str") {
            try cells.add(column: column, text: "", isUncalculated: true)
            return
        }
        try cells.add(column: column, text: try cellText(trimmed), isUncalculated: false)
    }

    private func cellText(_ trimmed: String) throws(SheetError) -> String {
        switch type {
        case "s":
            guard let index = Int(trimmed), strings.indices.contains(index) else {
                throw XMLEvents.damaged(path, "has a cell naming string \(trimmed.prefix(20)), which the workbook does not have")
            }
            return strings[index]
        case "inlineStr": return inline
        case "str", "e": return value
        case "b": return trimmed == "1" || trimmed.lowercased() == "true" ? "TRUE" : "FALSE"
        // An ISO 8601 date typed as such (`t="d"`), written as a local time is shown.
        case "d": return trimmed.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
        default: return number(trimmed)
        }
    }

    /// A number as Excel's CSV export shows it: a date or time if its format
    /// says so, else its digits (`1E-3` written out).
    private func number(_ text: String) -> String {
        guard !text.isEmpty, let number = Double(text) else { return text }
        let format = formats.indices.contains(style) ? formats[style] : .number
        if format != .number, let date = SerialDate.text(number, format, date1904: date1904) { return date }
        guard text.contains(where: { $0 == "E" || $0 == "e" }) else { return text }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    /// The 1-based column of a reference like `AB12`.
    static func column(ofReference reference: String) -> Int? {
        var column = 0
        for scalar in reference.unicodeScalars {
            switch scalar {
            case "A"..."Z": column = column * 26 + Int(scalar.value - 64)
            case "a"..."z": column = column * 26 + Int(scalar.value - 96)
            default: return column > 0 ? column : nil
            }
            guard column <= SheetLimits.workbookColumns else { return nil }
        }
        return column > 0 ? column : nil
    }
}

extension String {
    /// Without the ASCII spaces and line ends around it.
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }) else { return "" }
        let last = scalars.lastIndex { !" \t\r\n".unicodeScalars.contains($0) }!
        return String(scalars[first...last])
    }
}
