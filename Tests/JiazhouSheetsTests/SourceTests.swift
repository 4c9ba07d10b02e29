#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JiazhouSheets
import Testing

@Suite struct SourceTests {
    @Test func aFileReadsTheSameAsItsBytes() throws {
        let bytes = Sheets.encode("志愿者编号\t服务时长（分钟）\n" + (1...20_000).map { "V\(String(1_000_000 + $0).dropFirst())\t\($0 % 480 + 1)" }.joined(separator: "\n"), .utf16LittleEndian, byteOrderMark: true)
        let path = "/tmp/jiazhou-sheets-\(getpid()).txt"
        let file = fopen(path, "wb")!
        #expect(fwrite(bytes, 1, bytes.count, file) == bytes.count)
        fclose(file)
        defer { unlink(path) }
        let fromFile = try SheetReader(path: path).readAll()
        #expect(fromFile == (try Sheets.read(bytes)))
        #expect(fromFile.rows.count == 20_000)
    }

    @Test func aMissingFileIsReadFailed() {
        #expect(throws: SheetError.self) { try SheetReader(path: "/nonexistent/sheet.csv") }
        do {
            _ = try SheetReader(path: "/nonexistent/sheet.csv")
        } catch {
            #expect(error.reason == .read_failed)
            #expect(error.message.contains("/nonexistent/sheet.csv"))
        }
    }

    @Test func aSourceThatFailsMidwayIsReadFailedAfterTheRowsBeforeIt() throws {
        let rows = (1...10_000).map { "V\(String(1_000_000 + $0).dropFirst()),60" }.joined(separator: "\n")
        let reader = try SheetReader(source: FailingSource(bytes: Array("volunteer,minutes\n\(rows)\n".utf8)))
        var read = 0
        do {
            while let item = try reader.next() {
                if case .row = item { read += 1 }
            }
            Issue.record("the failure was not reported")
        } catch {
            #expect(error.reason == .read_failed)
        }
        #expect(read > 5000 && read <= 10_000)
        #expect(try reader.next() == nil)
    }

    @Test func aSourceThatFailsAtOnceFailsTheReader() {
        do {
            _ = try SheetReader(source: FailingSource(bytes: []))
            Issue.record("no error")
        } catch {
            #expect(error.reason == .read_failed)
        }
    }
}
