import Foundation
import JiazhouSheets

/// CPU time of the calling thread beside the wall clock: on a machine busy
/// with other work, what a single-core loop costs is its CPU time.
enum ThreadClock {
    /// (wall seconds, CPU seconds of this thread) taken by `body`.
    static func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let clock = ThreadCPUClock()
        let start = clock.now
        let wall = try LedgerBench.time(body)
        let cpu = start.duration(to: clock.now)
        return (wall, Double(cpu.components.seconds) + Double(cpu.components.attoseconds) / 1e18)
    }
}
