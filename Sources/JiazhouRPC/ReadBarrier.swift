import Foundation

/// Keeps each response true to the lines before it, and only those: a write
/// is not enqueued while a read of an earlier line has yet to run, so a
/// read never sees a write that the client sent after it.
///
/// Reads wait for earlier writes by order alone (the responder answers in
/// line order, awaiting each write's durability); this barrier is the other
/// direction. Streams of only writes, or only reads, never wait here.
///
/// `@unchecked Sendable`: the counters are guarded by `condition`'s lock.
final class ReadBarrier: @unchecked Sendable {
    private let condition = NSCondition()
    private var dispatched = 0
    private var ran = 0
    private var open = false

    /// The reader prepared a read (it will run later, in the responder).
    func readDispatched() {
        condition.lock()
        dispatched += 1
        condition.unlock()
    }

    /// The responder ran a read.
    func readRan() {
        condition.lock()
        ran += 1
        if ran == dispatched { condition.broadcast() }
        condition.unlock()
    }

    /// Whether every read dispatched so far has run.
    var isClear: Bool {
        condition.lock()
        defer { condition.unlock() }
        return ran == dispatched || open
    }

    /// Blocks the reader until every read dispatched so far has run.
    func waitUntilClear() {
        condition.lock()
        while ran < dispatched, !open { condition.wait() }
        condition.unlock()
    }

    /// Lets the reader go for good: the responder has stopped (the output
    /// failed), so the reads it waits for will never run.
    func openForGood() {
        condition.lock()
        open = true
        condition.broadcast()
        condition.unlock()
    }
}
