import Foundation

/// CPU time of the calling thread: on a machine busy with other work, what
/// a single-core loop costs is its CPU time, not the wall clock.
enum ThreadClock {
    static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// (wall seconds, CPU seconds of this thread) taken by `body`.
    static func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let cpu = seconds()
        let wall = try LedgerBench.time(body)
        return (wall, seconds() - cpu)
    }
}
