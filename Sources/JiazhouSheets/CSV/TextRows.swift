/// A text sheet's rows, one ``Record`` at a time, each with its spreadsheet
/// row number: decoded text in, cells out.
struct TextRows {
    private var input: DecodedInput
    private var scanner: RecordScanner
    private var position = 0
    /// The spreadsheet row of ``record``: every row counts, blank or not,
    /// and a quoted cell's line breaks stay inside their row.
    private(set) var row = 0
    private(set) var peakHeldBytes = 0

    init(input: DecodedInput, delimiter: SheetDelimiter) {
        self.input = input
        scanner = RecordScanner(delimiter: delimiter)
    }

    var encoding: SheetEncoding { input.encoding }
    var evidence: SheetEncoding.Evidence { input.evidence }
    /// The row just read.
    var record: Record { scanner.record }
    /// Bytes held now: the current chunk, its decoded text and the row.
    var heldBytes: Int { input.heldBytes + scanner.record.heldBytes }

    /// Reads the next row into ``record``; `false` at the end of the sheet.
    mutating func next() throws(SheetError) -> Bool {
        while true {
            if position < input.textEnd {
                let end = input.textEnd
                let (next, rowEnded) = input.text.withUnsafeBufferPointer { text in
                    scanner.scan(UnsafeBufferPointer(rebasing: text[..<end]), from: position)
                }
                position = next
                if rowEnded {
                    row += 1
                    return true
                }
            } else {
                peakHeldBytes = max(peakHeldBytes, heldBytes)
                guard try input.advance() else {
                    guard scanner.finish() else { return false }
                    row += 1
                    return true
                }
                position = 0
            }
        }
    }
}
