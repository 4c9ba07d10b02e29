import JiazhouCore
import Logging

/// Answers slots strictly in line order: awaits each write until it is
/// durable, runs each read (by then every earlier write is durable, so a
/// stream sees its own writes), and writes the responses out. Nothing is
/// written before the entry it acknowledges is durable.
///
/// Output is buffered and flushed whenever the responder is about to wait
/// (for input, or for a commit) and whenever the buffer is full, so that a
/// pipelined stream costs one `write(2)` per group of responses, and a
/// lone request is answered at once.
struct Responder {
    let queue: SlotQueue
    let barrier: ReadBarrier
    let sink: any ByteSink
    let logger: Logger
    private let encoder = ResultEncoder()
    private var buffer: [UInt8] = []
    /// The responses of the batch being answered, as array text so far.
    private var batch: [UInt8] = []
    private(set) var responses = 0
    /// Why the output failed (the client closed its end), if it did.
    private(set) var outputFailure: (any Error)?

    init(queue: SlotQueue, barrier: ReadBarrier, sink: any ByteSink, logger: Logger) {
        self.queue = queue
        self.barrier = barrier
        self.sink = sink
        self.logger = logger
    }

    /// Answers until the input has ended and every slot is answered, or
    /// until the output fails.
    mutating func run() async {
        while outputFailure == nil {
            let slots = await queue.takeAll()
            if slots.isEmpty { break }
            for slot in slots {
                await answer(slot)
                queue.release(slot)
            }
            if !queue.hasSlots { flush() }
        }
        flush()
    }

    private mutating func answer(_ slot: Slot) async {
        if case .batch(opens: true, _) = slot.framing { batch = [] }
        for call in slot.calls {
            let result: Result<[UInt8], RPCError>
            switch call.outcome {
            case .ready(let ready): result = ready
            case .skip: continue
            case .write(let write):
                flush()  // what is answered already should not wait for this commit
                result = await write.result(encoder)
            case .read(let read):
                // Reads run here, one after another. Running a stretch of
                // them on both cores at once was measured slower: the pool
                // of SQLite readers contends more than it gains.
                result = read.result(encoder)
                barrier.readRan()
            }
            if case .failure(let error) = result, error.code == .internalError {
                logger.error("internal error", metadata: ["rpc.error": "\(error.message)"])
            }
            guard let id = call.id else { continue }
            let response = Response.bytes(id: id, result)
            responses += 1
            if slot.framing == .single {
                buffer.append(contentsOf: response)
                buffer.append(0x0A)
            } else {
                batch.append(batch.isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
                batch.append(contentsOf: response)
            }
        }
        // A batch of notifications only is answered with nothing at all (§6).
        if case .batch(_, closes: true) = slot.framing, !batch.isEmpty {
            buffer.append(contentsOf: batch)
            buffer.append(contentsOf: [UInt8(ascii: "]"), 0x0A])
            batch = []
        }
        if buffer.count >= RPCLimits.outputBufferBytes { flush() }
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: buffer.capacity <= 4 * RPCLimits.outputBufferBytes) }
        guard outputFailure == nil else { return }
        do { try sink.write(buffer) } catch {
            outputFailure = error
            logger.error("the output is closed; no more responses can be sent", metadata: ["rpc.error": "\(error)"])
        }
    }
}
