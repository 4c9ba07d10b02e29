/// The sheet's rows, one ``Record`` at a time, each with its spreadsheet row
/// number, from text (CSV) or from an .xlsx worksheet: the header search and
/// the row checks read both alike.
struct RowStream {
    // Two optionals, not an enum with payloads: `text!.next()` mutates in
    // place, where taking a payload out of an enum would copy its buffers.
    private var text: TextRows?
    private var worksheet: WorksheetRows?

    init(text: TextRows) { self.text = text }
    init(worksheet: WorksheetRows) { self.worksheet = worksheet }

    /// The encoding of a text sheet; an .xlsx holds UTF-8 XML.
    var encoding: SheetEncoding { text?.encoding ?? .utf8 }
    var evidence: SheetEncoding.Evidence { text?.evidence ?? .validUTF8 }
    /// The worksheet read, for an .xlsx.
    var sheet: String? { worksheet?.sheet }
    /// The row just read.
    var record: Record { text?.record ?? worksheet!.record }
    /// The spreadsheet row of ``record``.
    var row: Int { text?.row ?? worksheet!.row }
    var heldBytes: Int { text?.heldBytes ?? worksheet!.heldBytes }
    var peakHeldBytes: Int { text?.peakHeldBytes ?? worksheet!.heldBytes }

    /// Reads the next row into ``record``; `false` at the end of the sheet.
    mutating func next() throws(SheetError) -> Bool {
        if text != nil { return try text!.next() }
        return worksheet!.next()
    }
}
