import Foundation

/// The bounded queue between the reader (a thread that may block) and the
/// responder (a task that must not): at most ``RPCLimits/callsInFlight``
/// calls and ``RPCLimits/bytesInFlight`` bytes of lines read ahead and not
/// yet answered. When it is full the reader stops reading, so a client that
/// does not read its responses is slowed down, not buffered without end.
///
/// `@unchecked Sendable`: every stored property is guarded by `condition`'s
/// lock, which is also what the blocked reader waits on.
final class SlotQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Slot] = []
    private var callsInFlight = 0
    private var bytesInFlight = 0
    private var closed = false
    /// The reader is waiting for room. It is woken only once the queue has
    /// drained to half (or is empty), not at every answer: waking it for each
    /// slot would cost a context switch per request.
    private var readerWaiting = false
    private var waiting: CheckedContinuation<[Slot], Never>?

    /// Adds a slot, waiting while the queue is full. A slot is always
    /// admitted when nothing is in flight, however large, so the stream
    /// never stalls on one big line.
    /// Once the queue is closed (the output failed), slots are dropped.
    func put(_ slot: Slot) {
        condition.lock()
        while !closed, callsInFlight > 0,
            callsInFlight + slot.weight > RPCLimits.callsInFlight || bytesInFlight + slot.lineBytes > RPCLimits.bytesInFlight
        {
            readerWaiting = true
            condition.wait()
        }
        readerWaiting = false
        guard !closed else { return condition.unlock() }
        callsInFlight += slot.weight
        bytesInFlight += slot.lineBytes
        slots.append(slot)
        let resume = waiting.map { waiter in (waiter, takeLocked()) }
        condition.unlock()
        if let (waiter, taken) = resume { waiter.resume(returning: taken) }
    }

    /// No more slots will come (the input ended), or none are wanted (the
    /// output failed): a reader waiting for room is let go.
    func close() {
        condition.lock()
        closed = true
        let waiter = waiting
        waiting = nil
        condition.broadcast()
        condition.unlock()
        waiter?.resume(returning: [])
    }

    /// Every slot queued so far, in order, waiting for one if there is
    /// none; empty once the queue is closed and drained.
    func takeAll() async -> [Slot] {
        await withCheckedContinuation { continuation in
            condition.lock()
            if !slots.isEmpty {
                let taken = takeLocked()
                condition.unlock()
                continuation.resume(returning: taken)
            } else if closed {
                condition.unlock()
                continuation.resume(returning: [])
            } else {
                waiting = continuation
                condition.unlock()
            }
        }
    }

    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    /// Whether a slot is waiting, so the responder knows whether to flush now.
    var hasSlots: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !slots.isEmpty
    }

    /// Frees the room a slot took, once it is answered.
    func release(_ slot: Slot) {
        condition.lock()
        callsInFlight -= slot.weight
        bytesInFlight -= slot.lineBytes
        if readerWaiting, callsInFlight <= RPCLimits.callsInFlight / 2, bytesInFlight <= RPCLimits.bytesInFlight / 2 {
            condition.broadcast()
        }
        condition.unlock()
    }

    private func takeLocked() -> [Slot] {
        waiting = nil
        defer { slots.removeAll(keepingCapacity: true) }
        return slots
    }
}
