/// Splits UTF-8 text into rows of cells, as RFC 4180 describes and as
/// spreadsheets write it: cells separated by the delimiter; a cell that
/// starts with `"` runs to the next lone `"`, holding delimiters and line
/// ends, with `""` for a quote inside; rows end with CRLF, LF or CR.
///
/// Where RFC 4180 calls the text malformed, it keeps the bytes as Excel
/// does: a `"` inside an unquoted cell is a character, and text after a
/// closing quote joins the cell. Unlike Excel, spaces before an opening quote
/// (`a, "b,c"`, as scripts and hand-edited files write) do not stop it
/// opening a quoted cell: cells are trimmed anyway.
///
/// A state machine fed piece by piece: a piece may end anywhere (inside a
/// quoted cell, between CR and LF, inside a character), and the rows come out
/// the same as from the whole text.
struct RecordScanner {
    private enum State {
        case cellStart, unquoted, quoted, quoteInQuoted
    }

    private let delimiter: UInt8
    private var state = State.cellStart
    /// The previous row ended with CR: an LF right after it belongs to it.
    private var skipLineFeed = false
    /// Whether the row being read has any byte yet (a line end alone is a blank row).
    private var rowStarted = false
    private var rowEnded = false
    private(set) var record = Record()

    init(delimiter: SheetDelimiter) { self.delimiter = delimiter.byte }

    /// Reads `text` from `start` until a row ends or the text does; returns
    /// where it stopped and whether ``record`` now holds a whole row.
    mutating func scan(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> (next: Int, rowEnded: Bool) {
        if rowEnded {
            record.reset()
            rowEnded = false
        }
        let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        let count = text.count
        var i = start
        if skipLineFeed, i < count {
            skipLineFeed = false
            if text[i] == lineFeed { i += 1 }
        }
        var highBits: UInt8 = 0
        defer { if highBits & 0x80 != 0 { record.hasNonASCII = true } }
        while i < count {
            rowStarted = true
            switch state {
            case .cellStart:
                if text[i] == UInt8(ascii: " ") {
                    // Spaces before a quote do not stop it opening the cell (`a, "b,c"`);
                    // before anything else they would be trimmed anyway.
                    i += 1
                    continue
                }
                if text[i] == quote {
                    state = .quoted
                    i += 1
                    continue
                }
                state = .unquoted
                fallthrough
            case .unquoted:
                let runStart = i
                while i < count {
                    let byte = text[i]
                    if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
                    highBits |= byte
                    i += 1
                }
                record.append(UnsafeBufferPointer(rebasing: text[runStart..<i]))
                guard i < count else { return (i, false) }
                let byte = text[i]
                i += 1
                record.endCell()
                state = .cellStart
                if byte != delimiter {
                    endRow()
                    if byte == carriageReturn {
                        if i < count {
                            if text[i] == lineFeed { i += 1 }
                        } else {
                            skipLineFeed = true
                        }
                    }
                    return (i, true)
                }
            case .quoted:
                let runStart = i
                while i < count, text[i] != quote {
                    highBits |= text[i]
                    i += 1
                }
                record.append(UnsafeBufferPointer(rebasing: text[runStart..<i]))
                guard i < count else { return (i, false) }
                i += 1
                state = .quoteInQuoted
            case .quoteInQuoted:
                if text[i] == quote {
                    record.append(quote)
                    i += 1
                    state = .quoted
                } else {
                    state = .unquoted  // the quote closed the quoted part
                }
            }
        }
        return (i, false)
    }

    /// Ends the sheet: `true` if a last row without a line end is now in ``record``.
    mutating func finish() -> Bool {
        if rowEnded {
            record.reset()
            rowEnded = false
        }
        guard rowStarted else { return false }
        if state == .quoted { record.unclosedQuoteCell = record.cellCount }
        record.endCell()
        state = .cellStart
        endRow()
        return true
    }

    private mutating func endRow() {
        rowStarted = false
        rowEnded = true
    }

    /// Bytes held for the row being read.
    var heldBytes: Int { record.heldBytes }
}
