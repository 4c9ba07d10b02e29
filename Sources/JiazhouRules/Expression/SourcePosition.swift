/// Where something is in an expression's source: line and column, both
/// 1-based, the column counted in Unicode scalars (so `"银龄" in x` puts `in`
/// at column 6, as a reader counts it, not at byte 9).
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int
    /// UTF-8 byte offset from the start of the source, 0-based.
    public var offset: Int

    /// A position given directly.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The position of UTF-8 byte `offset` in `source`. Computed only when an
    /// error is reported, so nodes carry a plain offset.
    public init(offset: Int, in source: String) {
        var line = 1, column = 1, index = 0
        for scalar in source.unicodeScalars {
            if index >= offset { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += String(scalar).utf8.count
        }
        self.init(line: line, column: column, offset: offset)
    }

    public var description: String { "line \(line), column \(column)" }

    /// The source line this position is on and, under it, a caret pointing at
    /// the column. Wide (CJK) characters take two terminal cells, so the caret
    /// line pads them with two spaces to stay under the right character.
    ///
    /// ```
    /// activity.catgory == "x"
    ///         ^
    /// ```
    public func caretLines(in source: String) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line - 1 < lines.count else { return "" }
        let text = lines[line - 1].replacingTabs()
        var pad = ""
        for (i, scalar) in text.unicodeScalars.enumerated() where i < column - 1 {
            pad += scalar.isWide ? "  " : " "
        }
        return "\(text)\n\(pad)^"
    }
}

extension Substring {
    /// Tabs shown as one space, so that the caret lines up whatever the tab width.
    fileprivate func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}

extension Unicode.Scalar {
    /// Whether a terminal shows this scalar two cells wide: the CJK blocks,
    /// Hangul, full-width forms and emoji (East Asian Width W/F, approximately).
    var isWide: Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
