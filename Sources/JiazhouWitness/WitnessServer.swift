public import Hummingbird
import HTTPTypes
import JiazhouCore
public import Logging
import NIOCore
import UnixSignals

/// The witness over HTTP: `POST /add-checkpoint` (c2sp.org/tlog-witness),
/// bodies bounded by ``AddCheckpointBody/maxBytes`` (413 past it).
///
/// ```swift
/// let server = WitnessServer(witness: witness, host: "127.0.0.1", port: 8081, logger: logger)
/// try await server.runUntilSignalled { address in print("listening on \(address)") }
/// ```
public struct WitnessServer: Sendable {
    let witness: Witness
    let host: String
    let port: Int
    let logger: Logger

    public init(witness: Witness, host: String = "127.0.0.1", port: Int, logger: Logger) {
        self.witness = witness
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// Runs until SIGTERM or SIGINT, then finishes the requests in flight.
    public func runUntilSignalled(onBound: @escaping @Sendable (SocketAddress) -> Void) async throws {
        try await application(onBound: onBound).runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// Runs until the surrounding task is cancelled.
    public func run(onBound: @escaping @Sendable (SocketAddress) -> Void) async throws {
        try await application(onBound: onBound).run()
    }

    func application(onBound: @escaping @Sendable (SocketAddress) -> Void) -> some ApplicationProtocol {
        let router = Router()
        let witness = self.witness
        router.post("add-checkpoint") { request, _ -> Response in
            let limit = AddCheckpointBody.maxBytes
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
                return Self.response(.text(413, "the body is over \(limit) bytes"))
            }
            let bytes: [UInt8]
            do { bytes = Array(try await request.body.collect(upTo: limit).readableBytesView) } catch {
                return Self.response(.text(413, "the body is over \(limit) bytes"))
            }
            return Self.response(await witness.addCheckpoint(bytes))
        }
        return Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                if let address = channel.localAddress { onBound(address) }
            }, logger: logger)
    }

    static func response(_ answer: Witness.Answer) -> Response {
        Response(
            status: HTTPResponse.Status(code: answer.status), headers: [.contentType: answer.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
    }
}
