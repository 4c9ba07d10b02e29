import Foundation

/// An .xlsx workbook, opened to read one worksheet: the first, or the one
/// named. Reads the parts it needs and nothing else (ECMA-376 Part 1, §12.3):
/// the workbook and its relationships, the shared strings, the styles (for
/// dates) and the worksheet.
enum Workbook {
    /// The rows of worksheet `name` (`nil`: the first) of the .xlsx in `bytes`.
    static func rows(of bytes: [UInt8], sheet name: String?) throws(SheetError) -> WorksheetRows {
        let archive = try WorkbookArchive(bytes: bytes)
        guard let workbookXML = try archive.part("xl/workbook.xml") else {
            throw SheetError(.bad_workbook, "the file is a ZIP archive but not an .xlsx workbook (it has no xl/workbook.xml); save the sheet from Excel or WPS as .xlsx or CSV")
        }
        let index = WorkbookIndex()
        try XMLEvents.parse(workbookXML, part: "xl/workbook.xml", into: index)
        let relationships = Relationships()
        if let rels = try archive.part("xl/_rels/workbook.xml.rels") {
            try XMLEvents.parse(rels, part: "xl/_rels/workbook.xml.rels", into: relationships)
        }
        let names = index.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let chosen: WorkbookIndex.Sheet
        if let name {
            guard let sheet = index.sheets.first(where: { $0.name == name }) else {
                throw SheetError(.unknown_sheet, "the workbook has no worksheet \"\(name.prefix(40))\"; it has \(names.isEmpty ? "none" : names)")
            }
            chosen = sheet
        } else {
            guard let first = index.sheets.first else { throw SheetError(.empty_sheet, "the workbook has no worksheets") }
            chosen = first
        }
        let path = relationships.targets[chosen.relationship].map { Relationships.part($0) } ?? ""
        guard let sheetXML = try archive.part(path) else {
            throw XMLEvents.damaged("xl/workbook.xml", "names worksheet \"\(chosen.name)\", whose part \(path.isEmpty ? "is not given" : path + " is missing")")
        }
        var strings: [String] = []
        if let part = try archive.part(sharedPart(relationships, type: "sharedStrings", fallback: "xl/sharedStrings.xml")) {
            let reader = SharedStrings()
            try XMLEvents.parse(part, part: "xl/sharedStrings.xml", into: reader)
            strings = reader.strings
        }
        var formats: [NumberFormat] = []
        if let part = try archive.part(sharedPart(relationships, type: "styles", fallback: "xl/styles.xml")) {
            let reader = CellStyles()
            try XMLEvents.parse(part, part: "xl/styles.xml", into: reader)
            formats = reader.formats
        }
        let parser = WorksheetParser(strings: strings, formats: formats, date1904: index.date1904, path: path)
        try XMLEvents.parse(sheetXML, part: path, into: parser)
        return WorksheetRows(cells: parser.cells, sheet: chosen.name)
    }

    /// The part of the workbook's shared strings or styles: where its
    /// relationship says, as writers are free to name it.
    private static func sharedPart(_ relationships: Relationships, type: String, fallback: String) -> String {
        relationships.types.first { $0.value.hasSuffix("/" + type) }.flatMap { relationships.targets[$0.key] }.map { Relationships.part($0) } ?? fallback
    }
}
