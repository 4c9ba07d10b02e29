import CAllocationCounter

/// Heap allocations made while a body runs, in the whole process: a count
/// that does not drift with the machine's load, so a test may hold a hot
/// path under a ceiling (an award, an account read).
public enum Allocations {
    /// Whether allocations are counted on this platform (glibc).
    public static var areCounted: Bool { jiazhou_allocations_available() != 0 }

    /// The allocations made while `body` runs.
    public static func count(_ body: () throws -> Void) rethrows -> UInt64 {
        jiazhou_allocations_start()
        defer { _ = jiazhou_allocations_stop() }
        try body()
        return jiazhou_allocations_stop()
    }

    /// The allocations made while `body` runs, for an async body (other
    /// tasks of the process count too: keep the process otherwise idle).
    public static func count(_ body: () async throws -> Void) async rethrows -> UInt64 {
        jiazhou_allocations_start()
        defer { _ = jiazhou_allocations_stop() }
        try await body()
        return jiazhou_allocations_stop()
    }
}
