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

    private static let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// Reads `text` from `start` until a row ends or the text does; returns
    /// where it stopped and whether ``record`` now holds a whole row.
    mutating func scan(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> (next: Int, rowEnded: Bool) {
        if rowEnded {
            record.reset()
            rowEnded = false
        }
        var i = start
        if skipLineFeed, i < text.count {
            skipLineFeed = false
            if text[i] == Self.lineFeed { i += 1 }
        }
        var highBits: UInt8 = 0
        defer { if highBits & 0x80 != 0 { record.hasNonASCII = true } }
        while i < text.count {
            rowStarted = true
            switch state {
            case .cellStart:
                if text[i] == UInt8(ascii: " ") {
                    // Spaces before a quote do not stop it opening the cell (`a, "b,c"`);
                    // before anything else they would be trimmed anyway.
                    i += 1
                } else if text[i] == Self.quote {
                    state = .quoted
                    i += 1
                } else {
                    state = .unquoted
                }
            case .unquoted:
                i = scanUnquoted(text, from: i, highBits: &highBits)
                if rowEnded { return (i, true) }
            case .quoted:
                i = scanQuoted(text, from: i, highBits: &highBits)
            case .quoteInQuoted:
                if text[i] == Self.quote {
                    record.append(Self.quote)  // a doubled quote is one quote
                    i += 1
                    state = .quoted
                } else {
                    state = .unquoted  // the quote closed the quoted part
                }
            }
        }
        return (i, false)
    }

    /// Reads an unquoted run up to the delimiter or the row's end; returns
    /// where it stopped, with ``rowEnded`` set if the row ended.
    @inline(__always)
    private mutating func scanUnquoted(_ text: UnsafeBufferPointer<UInt8>, from start: Int, highBits: inout UInt8) -> Int {
        var i = start
        while i < text.count {
            let byte = text[i]
            if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { break }
            highBits |= byte
            i += 1
        }
        record.append(UnsafeBufferPointer(rebasing: text[start..<i]))
        guard i < text.count else { return i }
        let byte = text[i]
        i += 1
        record.endCell()
        state = .cellStart
        guard byte != delimiter else { return i }
        endRow()
        if byte == Self.carriageReturn {
            if i == text.count {
                skipLineFeed = true  // CRLF cut between two pieces
            } else if text[i] == Self.lineFeed {
                i += 1
            }
        }
        return i
    }

    /// Reads a quoted run up to the next quote, line breaks and delimiters included.
    @inline(__always)
    private mutating func scanQuoted(_ text: UnsafeBufferPointer<UInt8>, from start: Int, highBits: inout UInt8) -> Int {
        var i = start
        while i < text.count, text[i] != Self.quote {
            highBits |= text[i]
            i += 1
        }
        record.append(UnsafeBufferPointer(rebasing: text[start..<i]))
        guard i < text.count else { return i }
        state = .quoteInQuoted
        return i + 1
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
