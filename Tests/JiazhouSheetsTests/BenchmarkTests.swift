import JiazhouSheets
import Testing

/// The benchmark's sheets and plumbing, without timing anything.
@Suite struct BenchmarkTests {
    @Test(arguments: SheetEncoding.allCases)
    func theBenchmarkSheetsReadWholeInEveryEncoding(encoding: SheetEncoding) throws {
        let figures = try SheetBenchmark.measure(SheetBytes(SheetBenchmark.sheet(rows: 5000, encoding: encoding)), clock: ThreadCPUClock())
        #expect(figures.encoding == encoding)
        #expect(figures.rows == 5000)
        #expect(figures.problems == 0)
        let minutes = (0..<5000).map { Int64(($0 % 16 + 1) * 15) }.reduce(0, +)
        #expect(figures.minutes == minutes)
        #expect(figures.peakHeldBytes > 0 && figures.peakHeldBytes < 512 * 1024)
    }
}
