public import JiazhouCore
import Synchronization

/// A clock that moves only when told to: every test can fix time.
public final class ManualClock: Clock {
    private let current: Mutex<Timestamp>

    public init(_ start: Timestamp = Timestamp(rfc3339: "2026-11-23T00:00:00Z")!) { current = Mutex(start) }

    public func now() -> Timestamp { current.withLock { $0 } }

    public func advance(milliseconds: Int64) {
        current.withLock { $0.millisecondsSince1970 += milliseconds }
    }

    public func set(_ time: Timestamp) {
        current.withLock { $0 = time }
    }
}
