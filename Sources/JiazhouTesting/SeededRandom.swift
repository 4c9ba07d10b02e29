public import JiazhouService
import Synchronization

/// Deterministic bytes (``SplitMix``) so that keys, salts and codes in tests
/// are the same on every run. Never for production.
public final class SeededRandom: RandomSource {
    private let state: Mutex<UInt64>

    public init(seed: UInt64 = 0x5EED) { state = Mutex(seed) }

    public func bytes(_ count: Int) -> [UInt8] {
        state.withLock { state in
            var generator = SplitMix(seed: state)
            var out: [UInt8] = []
            out.reserveCapacity(count)
            while out.count < count {
                withUnsafeBytes(of: generator.next().littleEndian) { out.append(contentsOf: $0.prefix(count - out.count)) }
            }
            state = generator.state
            return out
        }
    }
}
