/// The trimmed cells of one row, checked as text: a cell that is not valid
/// UTF-8 after decoding is reported `bad_encoding` once, here, and read as
/// missing by every later check.
struct Cells {
    private let record: Record
    private let bytes: UnsafeBufferPointer<UInt8>
    /// 0-based cells that are not text.
    private var undecodable: [Int] = []

    init(record: Record, bytes: UnsafeBufferPointer<UInt8>, encoding: SheetEncoding, evidence: SheetEncoding.Evidence, report: inout RowReport) {
        self.record = record
        self.bytes = bytes
        // A formula without a value was reported by ShapeCheck; no later check reads it as empty.
        undecodable = record.uncalculatedCells
        guard record.hasNonASCII else { return }
        for cell in 0..<record.keptCells {
            let range = record.range(ofCell: cell)
            guard !UTF8Validation.isValid(UnsafeBufferPointer(rebasing: bytes[range])) else { continue }
            undecodable.append(cell)
            report.add(.bad_encoding, cell, Self.message(encoding: encoding, evidence: evidence))
        }
    }

    private static func message(encoding: SheetEncoding, evidence: SheetEncoding.Evidence) -> String {
        let why = switch evidence {
        case .byteOrderMark: "as its byte order mark says"
        case .validUTF8: "because its first \(SheetLimits.detectionBytes / 1024) KiB are valid UTF-8; if it was saved as GB18030, read it as GB18030"
        case .notUTF8: "because its first \(SheetLimits.detectionBytes / 1024) KiB are not UTF-8"
        case .forced: "as asked"
        }
        return "the cell has bytes that are not \(encoding) text (the sheet was read as \(encoding) \(why)); re-type the cell or save the sheet again as CSV UTF-8"
    }

    func isUndecodable(_ cell: Int) -> Bool { undecodable.contains(cell) }

    /// Cell `cell` trimmed, or `nil` past the row's last cell.
    func bytes(_ cell: Int) -> UnsafeBufferPointer<UInt8>? {
        guard cell < record.keptCells else { return nil }
        return UnsafeBufferPointer(rebasing: bytes[CellText.trimmed(bytes, record.range(ofCell: cell))])
    }

    /// Cell `cell` as text, or `nil` if it is empty, missing or not text.
    func text(_ cell: Int) -> String? {
        textBytes(cell).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The UTF-8 of ``text(_:)``, without making a string.
    func textBytes(_ cell: Int) -> UnsafeBufferPointer<UInt8>? {
        guard !isUndecodable(cell), let cell = bytes(cell), !cell.isEmpty else { return nil }
        return cell
    }
}
