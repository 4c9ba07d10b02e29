@testable import JiazhouSheets

/// A downloaded workbook's first worksheet as text cells, read by the same
/// workbook layer that reads coordinators' sheets (a report is not a
/// participant sheet, so the participant reader above it does not apply).
enum WorkbookTestReader {
    static func rows(_ bytes: [UInt8]) throws -> [[String]] {
        var rows = try Workbook.rows(of: bytes, sheet: nil)
        var read: [[String]] = []
        while rows.next() {
            let record = rows.record
            read.append((0..<record.cellCount).map { String(decoding: record.bytes[record.range(ofCell: $0)], as: UTF8.self) })
        }
        return read
    }
}
