extension SheetTable {
    /// The table as CSV the way Excel opens it right: UTF-8 with a byte order
    /// mark (without one, Excel in a Chinese locale reads UTF-8 as GBK), CRLF
    /// line ends, and RFC 4180 quotes where a cell holds a comma, a quote, a
    /// line break or spaces at its ends.
    ///
    /// A text cell starting with `=`, `+`, `-`, `@` or a tab is written after
    /// a `'`, as OWASP advises against formula injection: a message that
    /// quotes a coordinator's cell must not run as a formula when opened.
    public var csvBytes: [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        for row in allRows {
            for (index, value) in row.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                switch value {
                case .text(let text): out += Self.csvCell(text)
                case .number(let number): out += Array(String(number).utf8)
                case .empty: break
                }
            }
            out += [0x0D, 0x0A]
        }
        return out
    }

    private static func csvCell(_ text: String) -> [UInt8] {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        let needsQuotes = text.contains { ",\"\r\n".contains($0) } || text.first == " " || text.last == " "
        guard needsQuotes else { return Array(text.utf8) }
        return Array(("\"" + text.replacingQuotes + "\"").utf8)
    }
}

extension String {
    fileprivate var replacingQuotes: String {
        var out = ""
        for character in self { out += character == "\"" ? "\"\"" : String(character) }
        return out
    }
}
