import JiazhouNationalCrypto
import Testing

/// The measurement runs every operation; how fast is not asserted.
@Suite("SuiteMeasurement")
struct SuiteMeasurementTests {
    @Test func itMeasuresEveryOperationOnce() throws {
        let figures = try SuiteMeasurement.run(secondsEach: 0.002, rounds: 2, messageBytes: 100)
        #expect(figures.count == 10)
        #expect(Set(figures.map(\.operation)).count == figures.count)
        #expect(figures.allSatisfy { $0.count > 0 && $0.seconds > 0 && $0.operationsPerSecond > 0 })
        #expect(figures.contains { $0.operation.hasPrefix("SM2 verify") })
        #expect(figures.contains { $0.operation.hasPrefix("Ed25519 verify") })
    }
}
