import Foundation
import FuzzSupport
import JiazhouSheets
import ZIPFoundation

/// The .xlsx reader: the ZIP archive (ZIPFoundation) and the XML parts
/// (Foundation's XMLParser), and the mapping of cells to rows.
///
/// The first byte chooses what the rest is: even, a whole .xlsx file, for
/// the archive; odd, a worksheet part, packed by the harness into a valid
/// archive beside a fixed workbook, shared strings and styles, so that
/// mutations reach the XML and the cells instead of failing the CRC.
///
/// Properties: nothing traps; a bad file is a ``SheetError``; reading the
/// same bytes twice gives the same report; a written table reads back.
@main
enum FuzzWorkbook {
    static func main() {
        runFuzzer { data, size in
            FuzzWorkbook.check(inputBytes(data, size))
            return 0
        }
    }

    static func check(_ input: [UInt8]) {
        guard let mode = input.first else { return }
        let rest = Array(input.dropFirst())
        let bytes = mode % 2 == 0 ? rest : workbook(worksheet: rest)
        let first = read(bytes), second = read(bytes)
        switch (first, second) {
        case (.success(let a), .success(let b)):
            require(a == b, "the same workbook read twice gave two reports")
            require(a.summary.dataRows == a.summary.validRows + a.summary.rowsWithProblems, "rows miscounted")
        case (.failure(let a), .failure(let b)):
            require(a == b, "the same workbook failed twice differently: \(a) and \(b)")
        default:
            require(false, "the same workbook read twice: \(first) and \(second)")
        }
    }

    static func read(_ bytes: [UInt8]) -> Result<SheetReport, SheetError> {
        do {
            return .success(try SheetReader(source: SheetBytes(bytes), options: SheetOptions(maxProblems: 50)).readAll())
        } catch {
            return .failure(error)
        }
    }

    static let parts: [(String, String)] = [
        ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        ("xl/workbook.xml", """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <workbookPr date1904="0"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
            """),
        ("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            </Relationships>
            """),
        ("xl/sharedStrings.xml", "<sst><si><t>志愿者编号</t></si><si><t>服务时长</t></si><si><r><t>V00</t></r><r><t>0001</t></r></si><si><t>2小时</t></si></sst>"),
        ("xl/styles.xml", "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"[h]:mm\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"22\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"),
    ]

    /// A stored (uncompressed) archive of the fixed parts and `worksheet`.
    static func workbook(worksheet: [UInt8]) -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, data) in parts.map({ ($0.0, Data($0.1.utf8)) }) + [("xl/worksheets/sheet1.xml", Data(worksheet))] {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            return [UInt8](archive.data ?? Data())
        } catch {
            require(false, "the harness could not pack a worksheet: \(error)")
            return []
        }
    }
}
