import Foundation
import JiazhouCore
public import JiazhouService
public import Logging

/// JSON-RPC 2.0 over newline-delimited streams (`jiazhou rpc`): one request
/// or batch per line in, one response per line out, in line order.
///
/// A reader thread frames and parses lines and enqueues writes in line
/// order (read-ahead: up to ``RPCLimits/callsInFlight`` calls); the
/// responder task answers them in the same order, each write only once it
/// is durable. Concurrent writes share one commit and one fsync.
///
/// ```swift
/// let server = RPCServer(service: try LedgerService.open(path: "jiazhou.sqlite"), logger: logger)
/// let summary = await server.run(input: FileDescriptorSource(descriptor: 0), output: FileDescriptorSink(descriptor: 1))
/// ```
public struct RPCServer: Sendable {
    /// How a run ended.
    public struct Summary: Sendable {
        /// Responses written (a batch's responses count one each).
        public var responses: Int
        /// Why the output failed, if it did: the responses after it were lost
        /// (the writes they answered are durable all the same).
        public var outputFailure: String?
    }

    /// The ledger every call goes to.
    public let service: LedgerService
    /// Longest request line, in bytes (`--max-line`).
    public let maxLineBytes: Int
    let methods: [String: Method]
    let logger: Logger

    /// A server for `service` with the methods of PROTOCOL.md; `logger` must not write to the output.
    public init(service: LedgerService, maxLineBytes: Int = RPCLimits.defaultMaxLineBytes, logger: Logger) {
        self.init(service: service, maxLineBytes: maxLineBytes, methods: MethodTable.methods, logger: logger)
    }

    /// A server with another method table (tests add methods that fail in ways the real ones cannot).
    init(service: LedgerService, maxLineBytes: Int, methods: [String: Method], logger: Logger) {
        precondition(maxLineBytes >= 1, "the line limit must be positive")
        self.service = service
        self.maxLineBytes = maxLineBytes
        self.methods = methods
        self.logger = logger
    }

    /// Serves until the input ends and the last response is written, or
    /// until the output fails. Every write that was answered is durable.
    public func run(input: some ByteSource, output: some ByteSink) async -> Summary {
        let queue = SlotQueue()
        let barrier = ReadBarrier()
        let dispatcher = Dispatcher(
            service: service, queue: queue, barrier: barrier, methods: methods, maxLineBytes: maxLineBytes, logger: logger)
        let maxLineBytes = maxLineBytes
        let logger = logger
        // A thread, not a task: `read(2)` blocks, and a blocked task would
        // hold one of the cooperative pool's few threads.
        let reader = Thread {
            Self.read(input, maxLineBytes: maxLineBytes, into: dispatcher, logger: logger)
            queue.close()
        }
        reader.name = "jiazhou-rpc-reader"
        reader.start()
        var responder = Responder(queue: queue, barrier: barrier, sink: output, logger: logger)
        await responder.run()
        if responder.outputFailure != nil {
            queue.close()
            barrier.openForGood()
        }
        logger.info("rpc: done", metadata: ["rpc.responses": "\(responder.responses)"])
        return Summary(responses: responder.responses, outputFailure: responder.outputFailure.map { "\($0)" })
    }

    private static func read(_ input: some ByteSource, maxLineBytes: Int, into dispatcher: Dispatcher, logger: Logger) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: RPCLimits.readChunkBytes, alignment: 1)
        defer { buffer.deallocate() }
        var framer = LineFramer(maxLineBytes: maxLineBytes)
        while !dispatcher.queue.isClosed {
            let count: Int
            do { count = try input.read(into: buffer) } catch {
                logger.error("reading the input failed; ending as at end of input", metadata: ["rpc.error": "\(error)"])
                break
            }
            if count <= 0 { break }
            framer.feed(UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: min(count, buffer.count)), emit: dispatcher.dispatch)
        }
        framer.finish(emit: dispatcher.dispatch)
    }
}
