import JiazhouCore
import Synchronization

/// Slows a till that types code after code that was never issued: after
/// the rule set's `redemption.unknown_code_limit` `unknown_code` refusals
/// of one merchant within `unknown_code_minutes`, that merchant's
/// redemptions are refused `rate_limited` until the oldest of them is that
/// old. A code is 40 random bits; at 10 guesses per 15 minutes a till would
/// need, with 10,000 live codes at once, about 200 years for an even chance
/// of hitting one. A mistyped code now and then never comes near the limit.
///
/// In memory, per service: a restart forgets, which costs a guesser at most
/// one window; the ledger itself is not involved (a refusal writes nothing).
/// Each merchant keeps at most `limit` times, so the state is bounded by the
/// merchants that are open.
final class CodeThrottle: Sendable {
    private let failures = Mutex<[AccountID: [Int64]]>([:])

    /// Seconds `merchant` must wait before its next redemption, or `nil` if it need not.
    func retryAfterSeconds(_ merchant: AccountID, now: Timestamp, limit: Int64, windowMinutes: Int64) -> Int64? {
        let window = windowMinutes * 60_000
        return failures.withLock { failures in
            guard var times = failures[merchant] else { return nil }
            times.removeAll { $0 <= now.millisecondsSince1970 - window }
            failures[merchant] = times.isEmpty ? nil : times
            guard Int64(times.count) >= limit, let oldest = times.first else { return nil }
            return max(1, (oldest + window - now.millisecondsSince1970 + 999) / 1000)
        }
    }

    /// Counts one `unknown_code` refusal of `merchant`.
    func recordUnknownCode(_ merchant: AccountID, now: Timestamp, limit: Int64) {
        failures.withLock { failures in
            var times = failures[merchant, default: []]
            times.append(now.millisecondsSince1970)
            if Int64(times.count) > limit { times.removeFirst(times.count - Int(limit)) }
            failures[merchant] = times
        }
    }
}
