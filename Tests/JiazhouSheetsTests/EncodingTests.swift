import JiazhouCore
import JiazhouSheets
import Testing

@Suite struct EncodingTests {
    /// A 4-byte GB18030 character (U+20000), a 2-byte one (€) and one from
    /// GB18030's four-byte block for Latin (ß), in the personal-data column.
    static let text = "志愿者编号,服务时长(分钟),姓名\r\nV000001,90,张三\r\nV000002,120,\u{20000}ß€\r\n"
    static let expectedRows = [
        SheetRow(row: 2, volunteer: AccountID(unchecked: .volunteer, "V000001"), minutes: 90),
        SheetRow(row: 3, volunteer: AccountID(unchecked: .volunteer, "V000002"), minutes: 120),
    ]

    @Test(arguments: [
        (SheetEncoding.utf8, false, SheetEncoding.Evidence.validUTF8),
        (.utf8, true, .byteOrderMark),
        (.utf16LittleEndian, true, .byteOrderMark),
        (.utf16BigEndian, true, .byteOrderMark),
        (.gb18030, false, .notUTF8),
    ])
    func everyEncodingReadsTheSameRows(encoding: SheetEncoding, byteOrderMark: Bool, evidence: SheetEncoding.Evidence) throws {
        let report = try Sheets.read(Sheets.encode(Self.text, encoding, byteOrderMark: byteOrderMark))
        #expect(report.rows == Self.expectedRows)
        #expect(report.problems.isEmpty)
        #expect(report.summary.encoding == encoding)
        #expect(report.summary.encodingEvidence == evidence)
        #expect(report.summary.header.columns.map(\.name) == ["志愿者编号", "服务时长(分钟)", "姓名"])
    }

    /// GB18030 bytes written by Python's codec, not by the iconv the reader
    /// decodes with: 志愿者编号 / 服务时长(分钟) / 姓名, then a row whose name is
    /// 张三 and one whose name is U+20000 (four bytes: 95 32 82 36).
    @Test func gb18030BytesFromAnotherEncoderDecode() throws {
        let header: [UInt8] = [0xD6, 0xBE, 0xD4, 0xB8, 0xD5, 0xDF, 0xB1, 0xE0, 0xBA, 0xC5, 0x2C]
            + [0xB7, 0xFE, 0xCE, 0xF1, 0xCA, 0xB1, 0xB3, 0xA4, 0x28, 0xB7, 0xD6, 0xD6, 0xD3, 0x29, 0x2C] + [0xD0, 0xD5, 0xC3, 0xFB, 0x0A]
        let rows = Array("V000001,90,".utf8) + [0xD5, 0xC5, 0xC8, 0xFD, 0x0A] + Array("V000002,120,".utf8) + [0x95, 0x32, 0x82, 0x36, 0x0A]
        let reader = try SheetReader(source: SheetBytes(header + rows))
        #expect(reader.header.columns.map(\.name) == ["志愿者编号", "服务时长(分钟)", "姓名"])
        let report = try reader.readAll()
        #expect(report.rows == Self.expectedRows)
        #expect(report.summary.encoding == .gb18030)
    }

    @Test func anUndecodableGB18030ByteIsAProblemOfItsRowAndTheNextRowsRead() throws {
        var bytes = Sheets.encode("志愿者编号,服务时长(分钟),姓名\nV000001,90,", .gb18030)
        bytes += [0xFF] + Array("\nV000002,60,".utf8) + Sheets.encode("李四", .gb18030)
        bytes += Array("\nV000003,30,".utf8) + [0x81] + Array("\nV000004,45,".utf8) + [0x80] + Array("\n".utf8)
        bytes += Array("V000005,15,".utf8) + Sheets.encode("王五", .gb18030) + [0x0A]
        let report = try Sheets.read(bytes)
        #expect(Sheets.places(report) == ["2 C bad_encoding", "4 C bad_encoding", "5 C bad_encoding"])
        #expect(report.rows.map(\.row) == [3, 6])
        #expect(report.problems[0].message.contains("not GB18030 text"))
    }

    @Test func aCharacterCutOffByTheEndOfTheSheetIsBadEncoding() throws {
        let bytes = Sheets.encode("志愿者编号,服务时长(分钟),姓名\nV000001,90,张三\nV000002,60,", .gb18030) + [0x95, 0x32]
        let report = try Sheets.read(bytes)
        #expect(Sheets.places(report) == ["3 C bad_encoding"])
    }

    @Test func aSheetReadAsUTF8ThatTurnsInvalidPastTheDetectionWindowReportsTheRow() throws {
        // 70 KiB of ASCII rows: the first 64 KiB are valid UTF-8, so the sheet is read as UTF-8.
        var text = "volunteer,minutes,name\n"
        var row = 1
        while text.utf8.count < 70 * 1024 {
            row += 1
            text += "V\(String(100_000 + row).dropFirst()),60,ascii\n"
        }
        let bytes = Array(text.utf8) + Array("V099999,60,".utf8) + Sheets.encode("张三", .gb18030) + [0x0A]
        let report = try Sheets.read(bytes)
        #expect(report.summary.encoding == .utf8)
        #expect(report.rows.count == row - 1)
        #expect(Sheets.places(report) == ["\(row + 1) C bad_encoding"])
        #expect(report.problems[0].message.contains("read it as GB18030"))
    }

    @Test func forcingAnEncodingOverridesDetection() throws {
        let gb = Sheets.encode(Self.text, .gb18030)
        let forced = try Sheets.read(gb, options: SheetOptions(encoding: .gb18030))
        #expect(forced.rows == Self.expectedRows)
        #expect(forced.summary.encodingEvidence == .forced)

        let withMark = try Sheets.read(Sheets.encode(Self.text, .utf8, byteOrderMark: true), options: SheetOptions(encoding: .utf8))
        #expect(withMark.summary.header.columns[0].name == "志愿者编号")  // the mark is not part of the first header

        let misread = Sheets.error(Array(Self.text.utf8), options: SheetOptions(encoding: .gb18030))
        #expect(misread?.reason == .missing_column)
        #expect(misread?.message.contains("read as GB18030") == true)
    }

    @Test(arguments: [SheetEncoding.utf16LittleEndian, .utf16BigEndian])
    func anUnpairedSurrogateOrAnOddLastByteIsBadEncoding(encoding: SheetEncoding) throws {
        func units(_ text: String) -> [UInt16] { Array(text.utf16) }
        let all = units("志愿者编号\t服务时长(分钟)\t姓名\nV000001\t90\t") + [0xD800] + units("x\nV000002\t60\t") + [0xDC00]
            + units("\nV000003\t30\t") + [0xD83D, 0xDE00] + units("\nV000004\t15\tz")
        var bytes = encoding.byteOrderMark
        for unit in all {
            bytes += encoding == .utf16BigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        bytes.append(0x41)  // half a code unit
        let report = try Sheets.read(bytes)
        #expect(Sheets.places(report) == ["2 C bad_encoding", "3 C bad_encoding", "5 C bad_encoding"])
        #expect(report.rows.map(\.row) == [4])  // the paired surrogates (😀) are fine
        #expect(report.summary.delimiter == .tab)
    }
}
