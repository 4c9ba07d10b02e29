import JiazhouCore
import JiazhouSheets
import Testing

/// The sample sheets in seeds/activities/, read against what their generator
/// (Python, an independent writer of CSV, GB18030 and times) says they hold.
@Suite struct SeedSheetTests {
    /// seeds/activities/, from this file's path: Tests/JiazhouSheetsTests/SeedSheetTests.swift.
    static let folder = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/") + "/seeds/activities/"

    static func expected() throws -> [JSONValue] {
        let file = try SheetFile(path: folder + "expected.json")
        var bytes: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = try buffer.withUnsafeMutableBytes({ try file.read(into: $0) }), count > 0 {
            bytes += buffer[..<count]
        }
        return try JSONParser.parse(bytes)["sheets"]?.arrayValue ?? []
    }

    @Test(arguments: 0..<3)
    func eachSampleSheetReadsAsItsGeneratorSays(index: Int) throws {
        let expected = try Self.expected()[index]
        let file = try #require(expected["file"]?.stringValue)
        let report = try SheetReader(path: Self.folder + file).readAll()
        let summary = report.summary
        #expect(summary.encoding.rawValue == expected["encoding"]?.stringValue, "\(file)")
        #expect(summary.encodingEvidence.rawValue == expected["evidence"]?.stringValue, "\(file)")
        #expect(summary.delimiter.description == expected["delimiter"]?.stringValue, "\(file)")
        #expect(Int64(summary.header.row) == expected["headerRow"]?.integerValue, "\(file)")
        #expect(Int64(summary.dataRows) == expected["dataRows"]?.integerValue, "\(file)")
        #expect(Int64(report.rows.count) == expected["validRows"]?.integerValue, "\(file)")
        #expect(report.rows.map(\.minutes).reduce(0, +) == expected["minutes"]?.integerValue, "\(file)")
        #expect(Int64(summary.activities) == expected["activities"]?.integerValue, "\(file)")
        if let volunteers = expected["volunteers"]?.arrayValue {
            #expect(report.rows.map(\.volunteer.name) == volunteers.compactMap(\.stringValue), "\(file)")
        }
        let problems = (expected["problems"]?.arrayValue ?? []).map { problem in
            "\(problem["row"]?.integerValue ?? 0)\(problem["column"]?.stringValue.map { " " + $0 } ?? "") \(problem["reason"]?.stringValue ?? "")"
        }
        #expect(Sheets.places(report) == problems, "\(file)")
        #expect(report.rows.first == (try firstRow(expected["firstRow"])), "\(file)")
    }

    private func firstRow(_ json: JSONValue?) throws -> SheetRow? {
        guard let json, let row = json["row"]?.integerValue, let volunteer = json["volunteer"]?.stringValue,
            let minutes = json["minutes"]?.integerValue
        else { return nil }
        var fields = SheetRow.ActivityFields()
        if let activity = json["activity"], activity.objectValue != nil {
            fields = .init(
                id: activity["id"]?.stringValue, category: activity["category"]?.stringValue, start: activity["start"]?.stringValue,
                tags: activity["tags"]?.arrayValue?.compactMap(\.stringValue))
        }
        return SheetRow(row: Int(row), volunteer: try AccountID(volunteer), minutes: minutes, activity: fields)
    }

    @Test func theCleanUpSheetSaysWhatItIgnoredAndDiscarded() throws {
        let report = try SheetReader(path: Self.folder + "cleanup-jiulongxiang-2026-12-05.csv").readAll()
        #expect(report.summary.notes == [
            "columns A (序号), E (备注) are not known to the reader; their cells are ignored",
            "column C (姓名) is personal data: read and discarded, never kept",
        ])
    }

    @Test(arguments: ["cleanup-jiulongxiang-2026-12-05.csv", "knock-campaign-2026-11-30.txt", "errors-baiyang-2026-12-02.csv"])
    func theSampleSheetsReadTheSameInSevenByteChunks(file: String) throws {
        let whole = try SheetReader(path: Self.folder + file).readAll()
        var options = SheetOptions()
        options.chunkBytes = 7
        #expect(try SheetReader(path: Self.folder + file, options: options).readAll() == whole)
    }
}
