/// What separates the cells of a row: a comma (CSV) or a tab (Excel's
/// "Unicode text" and "Text (tab delimited)").
public enum SheetDelimiter: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case comma = ","
    case tab = "\t"

    /// The delimiter's byte.
    public var byte: UInt8 { self == .comma ? UInt8(ascii: ",") : UInt8(ascii: "\t") }
    public var description: String { self == .comma ? "comma" : "tab" }

    /// Chooses the delimiter from the first lines of the decoded text: the
    /// first line holding a tab or a comma outside quotes decides, by which
    /// it holds more of. The header line decides unless it has a single
    /// column; a title line above it, which Excel pads with delimiters,
    /// decides the same way. No delimiter at all: comma (a one-column sheet,
    /// which the header check then refuses).
    static func detect(in text: [UInt8], lines: Int = SheetLimits.headerSearchRows) -> SheetDelimiter {
        var tabs = 0, commas = 0, linesSeen = 0, inQuotes = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: "\t") where !inQuotes: tabs += 1
            case UInt8(ascii: ",") where !inQuotes: commas += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if inQuotes { continue }
                if tabs + commas > 0 { return tabs > commas ? .tab : .comma }
                linesSeen += 1
                if linesSeen >= lines { return .comma }
            default: continue
            }
        }
        return tabs > commas ? .tab : .comma
    }
}
