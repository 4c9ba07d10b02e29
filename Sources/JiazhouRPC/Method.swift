import JiazhouCore
import JiazhouService

/// One JSON-RPC method: its name, whether it writes, and how a call starts.
///
/// Starting a call decodes its params on the reader's thread, in line
/// order. A write is enqueued there and then (so that consecutive writes
/// share a commit); a read is prepared, and runs when the responder reaches
/// it, after every earlier write of the stream is durable.
struct Method: Sendable {
    enum Access: Sendable, Equatable {
        /// Needs `params.actor`; the service authorizes it.
        case read
        /// Open to anyone, as over HTTP (`GET /v1/info`, `/v1/checkpoint`):
        /// `params.actor` may be given but is not needed.
        case publicRead
        /// Needs `params.actor`, takes `params.key`.
        case write
    }

    let name: String
    let access: Access
    let start: @Sendable (LedgerService, Arguments) throws(RPCError) -> Outcome
    /// Decodes the params as ``start`` does, and does nothing with them: the
    /// fuzz harness checks every method's decoding through the table itself.
    let checkParams: @Sendable (Arguments) throws(RPCError) -> Void

    /// A read on behalf of `params.actor`.
    static func read<Request: Decodable & Sendable, Output: Encodable & Sendable>(
        _ name: String, _ request: Request.Type, _ body: @escaping @Sendable (LedgerService, Request, AccountID) throws(LedgerError) -> Output
    ) -> Method {
        Method(name: name, access: .read) { service, arguments throws(RPCError) in
            let request = try ParamsDecoder.decode(Request.self, from: arguments.rest, extra: ["actor"])
            let actor = try arguments.requireActor()
            return .read(DeferredRead { () throws(LedgerError) in try body(service, request, actor) })
        } checkParams: { arguments throws(RPCError) in
            _ = try ParamsDecoder.decode(Request.self, from: arguments.rest, extra: ["actor"])
        }
    }

    /// A read that anyone may make.
    static func publicRead<Request: Decodable & Sendable, Output: Encodable & Sendable>(
        _ name: String, _ request: Request.Type, _ body: @escaping @Sendable (LedgerService, Request) throws(LedgerError) -> Output
    ) -> Method {
        Method(name: name, access: .publicRead) { service, arguments throws(RPCError) in
            let request = try ParamsDecoder.decode(Request.self, from: arguments.rest, extra: ["actor"])
            return .read(DeferredRead { () throws(LedgerError) in try body(service, request) })
        } checkParams: { arguments throws(RPCError) in
            _ = try ParamsDecoder.decode(Request.self, from: arguments.rest, extra: ["actor"])
        }
    }

    /// A write, enqueued as soon as it is decoded.
    static func write<Request: Decodable & Sendable, Output: Encodable & Sendable>(
        _ name: String, _ request: Request.Type, _ enqueue: @escaping @Sendable (LedgerService, Request, AccountID, String?) -> Durable<Output>
    ) -> Method {
        Method(name: name, access: .write) { service, arguments throws(RPCError) in
            let request = try ParamsDecoder.decode(Request.self, from: arguments.rest, extra: ["actor", "key"])
            let actor = try arguments.requireActor()
            return .write(DurableWrite(handle: enqueue(service, request, actor, arguments.key)))
        } checkParams: { arguments throws(RPCError) in
            _ = try ParamsDecoder.decode(Request.self, from: arguments.rest, extra: ["actor", "key"])
        }
    }
}

/// Where a call stands once started. Results are JSON bytes, errors are
/// JSON-RPC errors: by the time a call is answered, nothing else is left.
enum Outcome: Sendable {
    case ready(Result<[UInt8], RPCError>)
    case write(any AwaitedWrite)
    case read(any PendingRead)
    /// A notification that reads: it has no effect and gets no response.
    case skip
}

protocol AwaitedWrite: Sendable {
    /// Waits until the write is durable (or refused).
    func result(_ encoder: ResultEncoder) async -> Result<[UInt8], RPCError>
}

protocol PendingRead: Sendable {
    /// Runs the read now, on a snapshot.
    func result(_ encoder: ResultEncoder) -> Result<[UInt8], RPCError>
}

struct DurableWrite<Output: Encodable & Sendable>: AwaitedWrite {
    let handle: Durable<Output>

    func result(_ encoder: ResultEncoder) async -> Result<[UInt8], RPCError> {
        do { return encoder.encode(try await handle.value) } catch { return .failure(RPCError(error)) }
    }
}

struct DeferredRead<Output: Encodable & Sendable>: PendingRead {
    let body: @Sendable () throws(LedgerError) -> Output

    func result(_ encoder: ResultEncoder) -> Result<[UInt8], RPCError> {
        do { return encoder.encode(try body()) } catch { return .failure(RPCError(error)) }
    }
}

/// Results as JSON, with the names their `Codable` types define
/// (`leaf_hash`, `verifier_key`, …), in RFC 8785 form (keys sorted, no
/// whitespace), so that a response is the same bytes every time. Through
/// ``JSONValueEncoder`` rather than Foundation's `JSONEncoder`, which costs
/// more than the read it encodes.
struct ResultEncoder: Sendable {
    func encode(_ value: some Encodable) -> Result<[UInt8], RPCError> {
        do { return .success(try JSONValueEncoder.canonicalBytes(value)) } catch {
            return .failure(.internalError("the result could not be encoded: \(error)"))
        }
    }
}
