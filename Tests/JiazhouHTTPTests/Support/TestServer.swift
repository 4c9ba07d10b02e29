import Foundation
import JiazhouCore
import JiazhouHTTP
import JiazhouService
import JiazhouTesting
import Logging
import NIOCore
import Testing

/// A real HTTP server on a loopback port, in this process, over a fresh
/// test district (``TestLedger``) in a file, with its own metrics registry.
/// Every exchange through ``send(_:_:token:key:body:)`` is checked against
/// the server's own `/openapi.json`: its status must be documented for the
/// route, and a JSON success must fit the documented schema.
final class TestServer: Sendable {
    let ledger: TestLedger
    let port: Int
    let tokens: BearerTokens
    let metrics: ServerMetrics
    let contract: APIContract
    private let task: Task<Void, any Error>

    private init(ledger: TestLedger, port: Int, tokens: BearerTokens, metrics: ServerMetrics, contract: APIContract, task: Task<Void, any Error>) {
        self.ledger = ledger
        self.port = port
        self.tokens = tokens
        self.metrics = metrics
        self.contract = contract
        self.task = task
    }

    /// Starts a server; `readonly` serves the ledger from a read-only connection (every write then fails as storage does).
    static func start(
        maxBodyBytes: Int = HTTPLimits.defaultMaxBodyBytes, maxSheetBytes: Int = HTTPLimits.defaultMaxSheetBytes,
        throttle: FailureThrottle.Policy = .authentication, readonly: Bool = false
    ) async throws -> TestServer {
        let ledger = try await TestLedger.make(inFile: true)
        let service = readonly ? try LedgerService.open(path: ledger.path!, readonly: true) : ledger.service
        let tokens = BearerTokens(service: service, clock: ledger.clock, random: SystemRandom())
        let metrics = ServerMetrics()
        let server = HTTPServer(
            service: service, configuration: .init(
                host: "127.0.0.1", port: 0, maxBodyBytes: maxBodyBytes, maxSheetBytes: maxSheetBytes, authenticationThrottle: throttle),
            metrics: metrics, tokens: tokens, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let (bound, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { address in continuation.yield(address.port ?? 0) } }
        guard let port = await bound.first(where: { _ in true }) else { throw CancellationError() }
        let document = try await HTTPClient.send(port: port, method: "GET", path: "/openapi.json")
        let contract = try APIContract(document: #require(document.json))
        return TestServer(ledger: ledger, port: port, tokens: tokens, metrics: metrics, contract: contract, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
        ledger.remove()
    }

    /// A token for `principal`, issued through the ledger's token table (writable even when the server is read-only).
    func token(_ principal: AccountID, expires: Timestamp? = nil) throws -> String {
        try BearerTokens(service: ledger.service, clock: ledger.clock).issue(principal: principal, expires: expires).token
    }

    /// One request; `body` is sent as JSON, `raw` as it is.
    @discardableResult
    func send(
        _ method: String, _ path: String, token: String? = nil, key: String? = nil, body: JSONValue? = nil, raw: [UInt8]? = nil,
        headers: [(String, String)] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HTTPReply {
        var headers = headers
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if let key { headers.append(("Idempotency-Key", key)) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let reply = try await HTTPClient.send(port: port, method: method, path: path, headers: headers, body: body.map(\.canonicalBytes) ?? raw)
        contract.check(method: method, path: path, reply: reply, sourceLocation: sourceLocation)
        return reply
    }
}
