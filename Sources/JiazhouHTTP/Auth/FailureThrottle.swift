import Synchronization

/// A token bucket per key that failures drain: a key may fail `burst` times
/// at once, then once per `refillSeconds`; while its bucket is empty,
/// ``retryAfter(_:)`` says how long to wait. Successes cost nothing.
///
/// The server keys failed bearer authentication by client address; the same
/// mechanism, keyed by principal, is meant for mistyped redemption codes.
/// Memory is bounded: past `maxKeys`, buckets that have refilled (and so
/// say nothing) are dropped, and if none has, the oldest half.
public final class FailureThrottle: Sendable {
    /// How many failures a key may have at once, how fast it earns another, how many keys are kept.
    public struct Policy: Sendable {
        /// Failures allowed at once.
        public var burst: Int
        /// Seconds to earn one more failure back.
        public var refillSeconds: Double
        /// Most keys remembered.
        public var maxKeys: Int

        public init(burst: Int, refillSeconds: Double, maxKeys: Int = 10_000) {
            precondition(burst >= 1 && refillSeconds > 0 && maxKeys >= 1, "a throttle needs a burst, a refill time and room for keys")
            self.burst = burst
            self.refillSeconds = refillSeconds
            self.maxKeys = maxKeys
        }

        /// Ten failed attempts at once, then one every six seconds.
        public static let authentication = Policy(burst: 10, refillSeconds: 6)
    }

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let policy: Policy
    /// Seconds on a monotonic clock; injected so that tests need not sleep.
    private let seconds: @Sendable () -> Double
    private let buckets = Mutex<[String: Bucket]>([:])

    /// A throttle; `seconds` reads a monotonic clock (tests pass their own).
    public init(policy: Policy, seconds: @escaping @Sendable () -> Double = FailureThrottle.monotonicSeconds) {
        self.policy = policy
        self.seconds = seconds
    }

    /// Whether any client has a failure counted: when none has, no request
    /// can be throttled, and its key need not be made.
    public var hasFailures: Bool { buckets.withLock { !$0.isEmpty } }

    /// Whole seconds until `key` may try again, or `nil` if it may now.
    public func retryAfter(_ key: String) -> Int? {
        let now = seconds()
        return buckets.withLock { buckets -> Int? in
            guard let bucket = buckets[key].map({ refilled($0, now: now) }), bucket.tokens < 1 else { return nil }
            return max(1, Int(((1 - bucket.tokens) * policy.refillSeconds).rounded(.up)))
        }
    }

    /// Takes one token from `key`'s bucket.
    public func recordFailure(_ key: String) {
        let now = seconds()
        buckets.withLock { buckets in
            var bucket = buckets[key].map { refilled($0, now: now) } ?? Bucket(tokens: Double(policy.burst), updated: now)
            bucket.tokens = max(0, bucket.tokens - 1)
            buckets[key] = bucket
            if buckets.count > policy.maxKeys { evict(&buckets, now: now) }
        }
    }

    private func refilled(_ bucket: Bucket, now: Double) -> Bucket {
        Bucket(tokens: min(Double(policy.burst), bucket.tokens + (now - bucket.updated) / policy.refillSeconds), updated: now)
    }

    private func evict(_ buckets: inout [String: Bucket], now: Double) {
        buckets = buckets.filter { refilled($0.value, now: now).tokens < Double(policy.burst) }
        guard buckets.count > policy.maxKeys else { return }
        let newest = buckets.sorted { $0.value.updated > $1.value.updated }.prefix(policy.maxKeys / 2)
        buckets = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
    }

    /// Seconds since this process first asked, on the monotonic clock.
    public static let monotonicSeconds: @Sendable () -> Double = {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private static let start = ContinuousClock.now
}
