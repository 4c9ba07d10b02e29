/// What separates the cells of a row: a comma (CSV) or a tab (Excel's
/// "Unicode text" and "Text (tab delimited)").
public enum SheetDelimiter: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case comma = ","
    case tab = "\t"

    /// The delimiter's byte.
    public var byte: UInt8 { self == .comma ? UInt8(ascii: ",") : UInt8(ascii: "\t") }
    public var description: String { self == .comma ? "comma" : "tab" }

    /// Chooses the delimiter from the first lines of the decoded text: the
    /// one that splits the header line into more known columns (volunteer,
    /// minutes, hours), so that a title line above it, with or without
    /// commas of its own, does not decide. Failing a header, the first line
    /// holding tabs or commas decides by which it holds more of; failing
    /// that, comma (a one-column sheet, which the header check then refuses).
    static func detect(in text: [UInt8], lines: Int = SheetLimits.headerSearchRows) -> SheetDelimiter {
        var fallback: SheetDelimiter?
        for line in openingLines(text, count: lines) {
            let tabs = line.filter { $0 == UInt8(ascii: "\t") }.count, commas = line.filter { $0 == UInt8(ascii: ",") }.count
            if fallback == nil, tabs + commas > 0 { fallback = tabs > commas ? .tab : .comma }
            let byTab = knownColumns(in: line, splitBy: .tab), byComma = knownColumns(in: line, splitBy: .comma)
            if byTab != byComma { return byTab > byComma ? .tab : .comma }
            if byTab > 0 { return tabs > commas ? .tab : .comma }
        }
        return fallback ?? .comma
    }

    /// Up to `count` non-blank lines, split at line ends outside quotes.
    private static func openingLines(_ text: [UInt8], count: Int) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0, inQuotes = false
        for (index, byte) in text.enumerated() where lines.count < count {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            guard !inQuotes, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else { continue }
            if index > start { lines.append(text[start..<index]) }
            start = index + 1
        }
        if lines.count < count, start < text.count { lines.append(text[start...]) }
        return lines
    }

    /// How many cells of `line` name the volunteer, minutes or hours column
    /// when split by `delimiter` (quotes around a header name are dropped).
    private static func knownColumns(in line: ArraySlice<UInt8>, splitBy delimiter: SheetDelimiter) -> Int {
        line.split(separator: delimiter.byte, omittingEmptySubsequences: false).count { cell in
            let name = String(decoding: cell, as: UTF8.self).trimmingSpaces.filter { $0 != "\"" }
            return [.volunteer, .minutes, .hours].contains(HeaderMatcher.role(of: name))
        }
    }
}
