import JiazhouCore
import JiazhouSheets
import Testing

/// A source that makes its bytes as it goes, so that a test can feed the
/// reader far more than it ever holds: `head`, then `line(i)` for i in 0..<count.
struct GeneratedSource: SheetSource {
    let line: (Int) -> String
    let count: Int
    private var next = 0
    private var pending: [UInt8]

    init(head: String, count: Int, line: @escaping (Int) -> String) {
        self.line = line
        self.count = count
        pending = Array(head.utf8)
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while pending.count < buffer.count, next < count {
            pending += line(next).utf8
            next += 1
        }
        let taken = min(buffer.count, pending.count)
        buffer.copyBytes(from: pending[..<taken])
        pending.removeFirst(taken)
        return taken
    }
}

@Suite struct LimitTests {
    /// Well above one chunk, one row and the detection window together, well
    /// below the 10 MB fed in.
    static let heldBytesBound = 512 * 1024

    @Test func aTenMegabyteUnclosedQuoteIsOneProblemAndMemoryStaysBounded() throws {
        let source = GeneratedSource(head: "volunteer,minutes,note\nV000001,90,ok\nV000002,60,\"opened", count: 600_000) { _ in "and never closed,\n" }
        let reader = try SheetReader(source: source)
        let report = try reader.readAll()
        #expect(report.rows.map(\.row) == [2])
        #expect(Sheets.places(report) == ["3 C unclosed_quote"])
        #expect(report.problems[0].message.contains("(\(7 + 2 + 6 + 18 * 600_000) bytes)"))  // the row's cells, without delimiters and quotes
        #expect(reader.peakHeldBytes < Self.heldBytesBound, "held \(reader.peakHeldBytes) bytes")
    }

    @Test func manyRowsAreReadInBoundedMemory() throws {
        // 200,000 distinct volunteers, 4 MB: sixty chunks; the reader holds about three.
        let source = GeneratedSource(head: "volunteer,minutes,name\n", count: 200_000) { "V\(1_000_000 + $0),\($0 % 1440 + 1),张三\n" }
        let reader = try SheetReader(source: source)
        var rows = 0, minutes: Int64 = 0
        while let item = try reader.next() {
            guard case .row(let row) = item else { continue }
            rows += 1
            minutes += row.minutes
        }
        #expect(rows == 200_000)
        #expect(minutes == (0..<200_000).reduce(0) { $0 + Int64($1 % 1440 + 1) })
        #expect(reader.summary.problems == 0)
        #expect(reader.peakHeldBytes < Self.heldBytesBound, "held \(reader.peakHeldBytes) bytes")
    }

    @Test func aCellOverItsLimitIsTooLongAndIsNotKept() throws {
        let long = String(repeating: "长", count: SheetLimits.cellBytes / 3 + 1)
        let report = try Sheets.read("volunteer,minutes,note\nV000001,90,\"\(long)\"\nV000002,60,short\n")
        #expect(Sheets.places(report) == ["2 C too_long"])
        #expect(report.rows.map(\.row) == [3])
    }

    @Test func aRowOverItsLimitIsTooLong() throws {
        let cell = String(repeating: "x", count: 4000)
        let row = "V000001,90," + Array(repeating: cell, count: 20).joined(separator: ",")
        let header = "volunteer,minutes," + (1...20).map { "n\($0)" }.joined(separator: ",")
        let report = try Sheets.read("\(header)\n\(row)\nV000002,60\(String(repeating: ",", count: 20))\n")
        #expect(Sheets.places(report) == ["2 too_long"])
        #expect(report.rows.map(\.row) == [3])
    }

    @Test func aRowWithTooManyColumnsIsTooLong() throws {
        let report = try Sheets.read("volunteer,minutes\nV000001,90\(String(repeating: ",x", count: SheetLimits.columns))\nV000002,60\n")
        #expect(Sheets.places(report) == ["2 too_long"])
    }

    @Test func moreRowsThanAllowedIsASheetError() throws {
        let reader = try SheetReader(source: SheetBytes(Array("volunteer,minutes\nV1,1\nV2,2\n\nV3,3\nV4,4\n".utf8)), options: SheetOptions(maxDataRows: 3))
        var rows = 0
        do {
            while let item = try reader.next() {
                if case .row = item { rows += 1 }
            }
            Issue.record("a fourth row was accepted")
        } catch {
            #expect(error.reason == .too_large)
            #expect(error.row == 6)
            #expect(error.ledgerError.reason == .too_large)
        }
        #expect(rows == 3)
        #expect(try reader.next() == nil)  // after a sheet error, the reader stays ended
    }

    @Test func problemsPastTheCapAreCountedNotListed() throws {
        let rows = (1...30).map { "V\($0),0" }.joined(separator: "\n")
        let report = try Sheets.read("volunteer,minutes\n\(rows)\nV99,30\n", options: SheetOptions(maxProblems: 10))
        #expect(report.problems.count == 10)
        #expect(report.problems.last?.row == 11)
        #expect(report.summary.problems == 30)
        #expect(report.summary.unreportedProblems == 20)
        #expect(report.summary.rowsWithProblems == 30)
        #expect(report.rows.map(\.row) == [32])
    }
}
