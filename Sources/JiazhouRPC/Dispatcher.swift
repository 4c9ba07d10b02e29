import JiazhouCore
import JiazhouService
import Logging

/// Turns lines into slots on the reader's thread, in line order: parses the
/// envelope, finds the method, decodes the params, and enqueues each write
/// the moment it is decoded — so that the writes of consecutive lines reach
/// the service's commit queue together and share one fsync.
struct Dispatcher: Sendable {
    let service: LedgerService
    let queue: SlotQueue
    let barrier: ReadBarrier
    let methods: [String: Method]
    let maxLineBytes: Int
    let logger: Logger

    func dispatch(_ frame: LineFramer.Frame) {
        switch frame {
        case .tooLarge(let bytes):
            logger.warning("a request line was over the limit", metadata: ["rpc.line_bytes": "\(bytes)"])
            queue.put(.answer(.null, .tooLarge("the line is \(bytes) bytes, over the limit of \(maxLineBytes) (jiazhou rpc --max-line)"), lineBytes: 0))
        case .line(let line):
            // A blank line (or a lone "\r") is not a request: nothing to answer.
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
            switch Envelope.parse(line) {
            case .refused(let error):
                queue.put(.answer(.null, error, lineBytes: line.count))
            case .single(let item):
                queue.put(Slot(calls: [call(item, beforeWaiting: {})], framing: .single, lineBytes: line.count))
            case .batch(let items):
                dispatchBatch(items, lineBytes: line.count)
            }
        }
    }

    /// A batch's calls run in order, like lines. Its responses form one
    /// array line; it is handed over in parts only when a write in it must
    /// wait for a read before it to run.
    private func dispatchBatch(_ items: [Envelope.Item], lineBytes: Int) {
        var part = Slot(calls: [], framing: .batch(opens: true, closes: false), lineBytes: lineBytes)
        for item in items {
            let next = call(item) {
                queue.put(part)
                part = Slot(calls: [], framing: .batch(opens: false, closes: false), lineBytes: 0)
            }
            part.calls.append(next)
        }
        part.framing = .batch(opens: part.framing == .batch(opens: true, closes: false), closes: true)
        queue.put(part)
    }

    /// Starts one call. `beforeWaiting` runs when a write has to wait for
    /// earlier reads: it must hand those reads to the responder first.
    private func call(_ item: Envelope.Item, beforeWaiting: () -> Void) -> Slot.Call {
        let request: Envelope.Request
        switch item {
        case .invalid(let id, let error): return Slot.Call(id: id, outcome: .ready(.failure(error)))
        case .request(let valid): request = valid
        }
        let method: Method
        switch MethodTable.method(request.method, in: methods) {
        case .success(let found): method = found
        case .failure(let error): return Slot.Call(id: request.id, outcome: .ready(.failure(error)))
        }
        // A notification is not answered (§4.1): one that only reads has no effect at all.
        if request.id == nil, method.access != .write { return Slot.Call(id: nil, outcome: .skip) }
        if method.access == .write, !barrier.isClear {
            beforeWaiting()
            barrier.waitUntilClear()
        }
        logger.trace("call", metadata: ["rpc.method": "\(method.name)", "request.id": "\(String(decoding: request.id?.bytes ?? [], as: UTF8.self))"])
        do {
            let outcome = try method.start(service, try Arguments(params: request.params, method: method))
            if case .read = outcome { barrier.readDispatched() }
            return Slot.Call(id: request.id, outcome: outcome)
        } catch {
            return Slot.Call(id: request.id, outcome: .ready(.failure(error)))
        }
    }
}
