/// The XML parts of a one-sheet .xlsx, written by hand: the smallest package
/// that Excel, WPS and LibreOffice open, after ECMA-376 Part 1 (SpreadsheetML,
/// §18) and Part 2 (Open Packaging Conventions: content types, relationships).
enum SpreadsheetXML {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// `[Content_Types].xml` (Part 2, §10.1.2).
    static let contentTypes = declaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    /// `_rels/.rels`: the package's main part is the workbook.
    static let packageRelationships = declaration + """
        <Relationships xmlns="\(relationshipsNamespace)">\
        <Relationship Id="rId1" Type="\(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    /// `xl/_rels/workbook.xml.rels`: the worksheet and the styles.
    static let workbookRelationships = declaration + """
        <Relationships xmlns="\(relationshipsNamespace)">\
        <Relationship Id="rId1" Type="\(officeRelationships)/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="\(officeRelationships)/styles" Target="styles.xml"/>\
        </Relationships>
        """

    /// `xl/styles.xml` (§18.8): two cell formats, plain (0) and bold (1) for
    /// the header. Excel refuses a styles part without a font, the two
    /// fills it reserves (none, gray125), a border and a cell style format.
    static let styles = declaration + """
        <styleSheet xmlns="\(main)">\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    /// `xl/workbook.xml` (§18.2) with one sheet.
    static func workbook(sheet: String) -> String {
        declaration + """
            <workbook xmlns="\(main)" xmlns:r="\(officeRelationships)">\
            <sheets><sheet name="\(escaped(sheet))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
    }

    /// A sheet name Excel accepts: 1 to 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        let kept = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return kept.isEmpty ? "Sheet1" : kept
    }

    /// `xl/worksheets/sheet1.xml` (§18.3): text as inline strings (§18.3.1.53),
    /// which need no shared-strings part; the first row bold.
    static func worksheet(_ rows: [[SheetTable.Value]], into out: inout [UInt8]) {
        out += Array((declaration + "<worksheet xmlns=\"\(main)\"><sheetData>").utf8)
        for (rowIndex, row) in rows.enumerated() {
            let number = rowIndex + 1
            out += Array("<row r=\"\(number)\">".utf8)
            for (columnIndex, value) in row.enumerated() {
                let reference = SheetColumn.letters(columnIndex + 1) + String(number)
                let style = rowIndex == 0 ? " s=\"1\"" : ""
                switch value {
                case .text(let text):
                    out += Array("<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped(text))</t></is></c>".utf8)
                case .number(let number):
                    out += Array("<c r=\"\(reference)\"\(style)><v>\(number)</v></c>".utf8)
                case .empty:
                    continue
                }
            }
            out += Array("</row>".utf8)
        }
        out += Array("</sheetData></worksheet>".utf8)
    }

    /// `text` for XML character data and attributes: markup escaped, and the
    /// characters XML 1.0 forbids (controls but tab and line ends, U+FFFE,
    /// U+FFFF) dropped, since a parser would refuse the whole part for one.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
