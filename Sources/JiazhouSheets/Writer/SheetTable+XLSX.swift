import Foundation
import ZIPFoundation

extension SheetTable {
    /// The table as a one-sheet .xlsx named `sheet`: the archive by
    /// ZIPFoundation, the parts by ``SpreadsheetXML``.
    public func xlsxBytes(sheet: String = "Sheet1") throws(SheetError) -> [UInt8] {
        var worksheet: [UInt8] = []
        SpreadsheetXML.worksheet(allRows, into: &worksheet)
        let parts: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array(SpreadsheetXML.contentTypes.utf8)),
            ("_rels/.rels", Array(SpreadsheetXML.packageRelationships.utf8)),
            ("xl/workbook.xml", Array(SpreadsheetXML.workbook(sheet: SpreadsheetXML.sheetName(sheet)).utf8)),
            ("xl/_rels/workbook.xml.rels", Array(SpreadsheetXML.workbookRelationships.utf8)),
            ("xl/styles.xml", Array(SpreadsheetXML.styles.utf8)),
            ("xl/worksheets/sheet1.xml", worksheet),
        ]
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            // A fixed time, so that the same table gives the same bytes.
            let time = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
            for (path, bytes) in parts {
                let data = Data(bytes)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: time, compressionMethod: .deflate) {
                    position, size in data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw SheetError(.read_failed, "the .xlsx archive was not made") }
            return [UInt8](data)
        } catch let error as SheetError {
            throw error
        } catch {
            throw SheetError(.read_failed, "cannot make the .xlsx archive: \(error)", cause: "\(error)")
        }
    }
}
