import JiazhouSheets
import Testing

/// The reader must give the same rows, problems and summary wherever the
/// chunks of input end: inside a UTF-8, UTF-16 or GB18030 character,
/// between CR and LF, inside a quoted cell, between a doubled quote.
@Suite struct ChunkBoundaryTests {
    static let body = """
        活动签到表,,,,
        志愿者编号,姓名,服务时长（分钟）,标签,备注\r
        V000001,张三,90,一老一小、银龄,"多行\r
        备注，含""引号""和,逗号"\r
        V000002,\u{20000}ß€,120,,\r
        "V000003","李""四",60,夜间,\r
        V000004,王五,0,,"\r"\r
        V000001,赵六,30,,\r
        ,,,,\r
        V000005,钱七,abc,,\rV000006,孙八,45,,\n
        """
    static let tabbed = String(body.map { $0 == "," ? "\t" : $0 })
    /// Each sheet with the rows it must give whole.
    static let sheets: [(name: String, bytes: [UInt8], validRows: Int)] = [
        ("UTF-8 with BOM", Sheets.encode(body, .utf8, byteOrderMark: true), 4),
        ("UTF-16LE", Sheets.encode(tabbed, .utf16LittleEndian, byteOrderMark: true), 4),
        ("UTF-16BE", Sheets.encode(body, .utf16BigEndian, byteOrderMark: true), 4),
        ("GB18030, tabs", Sheets.encode(tabbed, .gb18030), 4),
        ("an unclosed quote at the end", Sheets.encode(body + "V000007,周九,30,,\"never closed\n" + String(repeating: "x,", count: 40), .gb18030), 4),
    ]

    @Test func theWholeSheetsGiveTheirRows() throws {
        for sheet in Self.sheets {
            let whole = try Sheets.read(sheet.bytes)
            #expect(whole.rows.count == sheet.validRows, "\(sheet.name)")
            #expect(Sheets.places(whole).prefix(3) == ["6 C minutes_out_of_range", "7 A duplicate_volunteer", "9 C bad_minutes"], "\(sheet.name)")
        }
    }

    @Test(arguments: 0..<5, [1, 2, 3, 5, 7, 64, 1000])
    func rowsAreTheSameWhereverTheChunksEnd(sheet: Int, chunkBytes: Int) throws {
        let whole = try Sheets.read(Self.sheets[sheet].bytes)
        let chunked = try Sheets.read(Self.sheets[sheet].bytes, chunkBytes: chunkBytes)
        #expect(chunked == whole, "\(Self.sheets[sheet].name) in chunks of \(chunkBytes)")
    }
}
