import CAllocationCounter

/// Heap allocations made while a body runs on the calling thread: a count
/// that does not drift with the machine's load, so a test may hold a hot
/// path under a ceiling (an award, an account read). Per thread, because
/// tests run beside other tests in one process; a body that hands its work
/// to another thread is not counted there (GRDB's synchronous reads and
/// `writeNow` run on the caller's thread).
public enum Allocations {
    /// Whether allocations are counted on this platform (glibc).
    public static var areCounted: Bool { jiazhou_allocations_available() != 0 }

    /// The allocations the calling thread makes while `body` runs.
    public static func count(_ body: () throws -> Void) rethrows -> UInt64 {
        jiazhou_thread_allocations_start()
        defer { _ = jiazhou_thread_allocations_stop() }
        try body()
        return jiazhou_thread_allocations_stop()
    }
}
