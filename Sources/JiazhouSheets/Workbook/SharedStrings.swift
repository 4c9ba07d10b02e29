/// `xl/sharedStrings.xml`: the text of string cells, which refer to it by
/// index. A string with runs of formatting (`<r><t>…</t></r>`) is its runs
/// joined; phonetic guides (`<rPh>`, for Japanese) are not part of it.
final class SharedStrings: XMLPartReader {
    private(set) var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    func start(_ name: String, _ attributes: [String: String]) throws(SheetError) {
        switch name {
        case "si":
            current = ""
        case "t":
            inText = !inPhonetic
        case "rPh":
            inPhonetic = true
        default:
            break
        }
    }

    func end(_ name: String) throws(SheetError) {
        switch name {
        case "si":
            guard strings.count < SheetLimits.workbookCells else {
                throw SheetError(.too_large, "the .xlsx file has more than \(SheetLimits.workbookCells) strings; split the sheet or save it as CSV")
            }
            strings.append(current)
        case "t":
            inText = false
        case "rPh":
            inPhonetic = false
        default:
            break
        }
    }

    func text(_ text: String) {
        // A string longer than a cell may be is kept just past the limit, so
        // that the row check still reports it too long and memory stays bounded.
        guard inText, current.utf8.count <= SheetLimits.cellBytes else { return }
        current += text
    }
}
