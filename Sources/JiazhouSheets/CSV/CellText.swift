/// What the reader does to a cell's text before reading it: trims the spaces
/// around it, and folds full-width forms to ASCII.
enum CellText {
    /// The range of `bytes[range]` without the spaces around it: ASCII space
    /// and tab, the no-break space that cells pasted from web pages carry
    /// (U+00A0), and the ideographic space of Chinese input (U+3000).
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end {
            if bytes[start] == 0x20 || bytes[start] == 0x09 {
                start += 1
            } else if start + 1 < end, bytes[start] == 0xC2, bytes[start + 1] == 0xA0 {
                start += 2
            } else if start + 2 < end, bytes[start] == 0xE3, bytes[start + 1] == 0x80, bytes[start + 2] == 0x80 {
                start += 3
            } else {
                break
            }
        }
        while end > start {
            if bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 {
                end -= 1
            } else if end - 2 >= start, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 {
                end -= 2
            } else if end - 3 >= start, bytes[end - 3] == 0xE3, bytes[end - 2] == 0x80, bytes[end - 1] == 0x80 {
                end -= 3
            } else {
                break
            }
        }
        return start..<end
    }

    /// `text` with full-width forms (U+FF01–U+FF5E, what a Chinese input
    /// method types for `０-９ Ａ-Ｚ （ ） ：`) folded to their ASCII twins and
    /// the ideographic space to a space, so that `Ｖ０００１２３` reads as
    /// `V000123` and `时长（分钟）` as `时长(分钟)`.
    static func foldingFullWidth(_ text: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var iterator = text.makeIterator()
        var pending: [UInt8] = []
        while let byte = iterator.next() {
            pending.append(byte)
            guard pending.first == 0xEF || pending.first == 0xE3 else {
                out.append(contentsOf: pending)
                pending.removeAll()
                continue
            }
            guard pending.count == 3 else { continue }
            let scalar = (UInt32(pending[0] & 0x0F) << 12) | (UInt32(pending[1] & 0x3F) << 6) | UInt32(pending[2] & 0x3F)
            if (0xFF01...0xFF5E).contains(scalar), pending[1] & 0xC0 == 0x80, pending[2] & 0xC0 == 0x80 {
                out.append(UInt8(scalar - 0xFF01 + 0x21))
            } else if scalar == 0x3000 {
                out.append(0x20)
            } else {
                out.append(contentsOf: pending)
            }
            pending.removeAll()
        }
        out.append(contentsOf: pending)
        return out
    }
}

extension StringProtocol {
    /// Without the spaces the reader trims from cells (ASCII, no-break, ideographic).
    var trimmingSpaces: String {
        let spaces: Set<Character> = [" ", "\t", "\u{A0}", "\u{3000}"]
        guard let first = firstIndex(where: { !spaces.contains($0) }), let last = lastIndex(where: { !spaces.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}
