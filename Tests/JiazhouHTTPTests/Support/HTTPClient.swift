import JiazhouCore
import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 exchange, as it came back.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: JSONValue? { try? JSONParser.parse(body) }
    /// `error.reason` of an error body.
    var reason: String? { json?["error"]?["reason"]?.stringValue }
    var message: String? { json?["error"]?["message"]?.stringValue }
}

/// A small HTTP/1.1 client over SwiftNIO (already built for Hummingbird),
/// one connection per request, loopback only: enough to send anything —
/// malformed bodies, odd methods, raw headers — and read everything back.
enum HTTPClient {
    struct EndedEarly: Error {}

    static func send(
        port: Int, method: String, path: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) async throws -> HTTPReply {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(5))
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: path)
            head.headers.add(name: "Host", value: "127.0.0.1:\(port)")
            head.headers.add(name: "Connection", value: "close")
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            if let body { head.headers.add(name: "Content-Length", value: String(body.count)) }
            // One write for the whole request: written part by part, a server that
            // answers on the head and closes (Connection: close) could leave the
            // last part to fail on a closed channel.
            var parts: [HTTPClientRequestPart] = [.head(head)]
            if let body, !body.isEmpty { parts.append(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            parts.append(.end(nil))
            try await outbound.write(contentsOf: parts)
            var reply = HTTPReply(status: 0, headers: [], body: [])
            for try await part in inbound {
                switch part {
                case .head(let response):
                    reply.status = Int(response.status.code)
                    reply.headers = response.headers.map { ($0.name, $0.value) }
                case .body(let buffer): reply.body += Array(buffer.readableBytesView)
                case .end: return reply
                }
            }
            throw EndedEarly()
        }
    }
}
