import Foundation
import JiazhouCore
import JiazhouHTTP
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Synchronization
import Testing

@Suite struct FailureThrottleTests {
    final class FakeSeconds: Sendable {
        let value = Mutex(0.0)
        func advance(_ seconds: Double) { value.withLock { $0 += seconds } }
        var read: @Sendable () -> Double { { self.value.withLock { $0 } } }
    }

    @Test func aKeyMayFailItsBurstThenWaitsForARefill() {
        let clock = FakeSeconds()
        let throttle = FailureThrottle(policy: .init(burst: 2, refillSeconds: 10), seconds: clock.read)
        #expect(throttle.retryAfter("a") == nil)
        throttle.recordFailure("a")
        #expect(throttle.retryAfter("a") == nil)
        throttle.recordFailure("a")
        #expect(throttle.retryAfter("a") == 10)
        #expect(throttle.retryAfter("b") == nil, "keys are independent")
        clock.advance(4)
        #expect(throttle.retryAfter("a") == 6)
        clock.advance(6)
        #expect(throttle.retryAfter("a") == nil)
        throttle.recordFailure("a")
        #expect(throttle.retryAfter("a") == 10)
    }

    @Test func pastMaxKeysRefilledKeysGoFirst() {
        let clock = FakeSeconds()
        let throttle = FailureThrottle(policy: .init(burst: 1, refillSeconds: 5, maxKeys: 3), seconds: clock.read)
        throttle.recordFailure("old")
        clock.advance(10)
        for key in ["a", "b", "c"] { throttle.recordFailure(key) }
        // Four keys, one of them refilled: only that one is dropped, the three waiting stay throttled.
        for key in ["a", "b", "c"] { #expect(throttle.retryAfter(key) == 5) }
    }

    @Test func pastMaxKeysWithNoneRefilledTheNewestHalfIsKept() {
        let clock = FakeSeconds()
        let throttle = FailureThrottle(policy: .init(burst: 1, refillSeconds: 60, maxKeys: 4), seconds: clock.read)
        for key in ["a", "b", "c", "d", "e"] {
            throttle.recordFailure(key)
            clock.advance(1)
        }
        let stillThrottled = ["a", "b", "c", "d", "e"].filter { throttle.retryAfter($0) != nil }
        #expect(stillThrottled == ["d", "e"])
    }
}
