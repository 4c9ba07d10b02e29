import JiazhouSheets
import Testing

/// The benchmark's sheets and plumbing, without timing anything.
@Suite struct BenchmarkTests {
    @Test(arguments: SheetEncoding.allCases, SheetBenchmark.Shape.allCases)
    func theBenchmarkSheetsReadWholeInEveryEncoding(encoding: SheetEncoding, shape: SheetBenchmark.Shape) throws {
        let sheet = SheetBenchmark.sheet(rows: 5000, encoding: encoding, shape: shape)
        let figures = try SheetBenchmark.measure(SheetBytes(sheet), clock: ThreadCPUClock())
        #expect(figures.encoding == encoding)
        #expect(figures.rows == 5000)
        #expect(figures.problems == 0)
        let hourMinutes: [Int64] = [60, 90, 120, 30]
        var minutes: Int64 = 0
        for row in 0..<5000 {
            minutes += shape == .participants ? Int64((row % 16 + 1) * 15) : hourMinutes[row % 4]
        }
        #expect(figures.minutes == minutes)
        #expect(figures.peakHeldBytes > 0 && figures.peakHeldBytes < 512 * 1024)
    }
}
