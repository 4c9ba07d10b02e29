import JiazhouCore
import Synchronization

/// The demo's clock: it shows the time of the week being played, so that
/// entries carry the times the activities ended.
final class SimulatedClock: Clock {
    private let current: Mutex<Timestamp>

    init(_ start: Timestamp) { current = Mutex(start) }

    func now() -> Timestamp { current.withLock { $0 } }

    /// Moves the clock forward (never back).
    func advance(to time: Timestamp) {
        current.withLock { if time > $0 { $0 = time } }
    }
}
