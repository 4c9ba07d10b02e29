#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPU time of the calling thread, as a `Clock`: what a piece of work
/// costs on one core, whatever else the machine is running (a wall clock on
/// a shared build machine measures the neighbours too). For
/// ``SheetBenchmark``; sleeping on it sleeps in wall time.
public struct ThreadCPUClock: _Concurrency.Clock, Sendable {
    /// A point in the thread's CPU time.
    public struct Instant: InstantProtocol, Sendable {
        /// CPU time of the thread since it started.
        public var sinceThreadStart: Duration

        public func advanced(by duration: Duration) -> Instant { Instant(sinceThreadStart: sinceThreadStart + duration) }
        public func duration(to other: Instant) -> Duration { other.sinceThreadStart - sinceThreadStart }
        public static func < (a: Instant, b: Instant) -> Bool { a.sinceThreadStart < b.sinceThreadStart }
    }

    /// The clock of whichever thread reads ``now``.
    public init() {}

    /// The calling thread's CPU time so far.
    public var now: Instant {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Instant(sinceThreadStart: .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec))
    }

    public var minimumResolution: Duration { .nanoseconds(1) }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await ContinuousClock().sleep(for: now.duration(to: deadline))
    }
}
