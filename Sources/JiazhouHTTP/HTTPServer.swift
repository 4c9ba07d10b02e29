import Hummingbird
public import JiazhouService
public import Logging
public import NIOCore
import ServiceLifecycle
import UnixSignals
import JiazhouCore

/// The HTTP transport (`jiazhou serve`): Hummingbird 2 around the service,
/// with the routes of ``RouteTable``, bearer authentication, metrics and
/// request logs, run as a swift-service-lifecycle `Service`.
///
/// On SIGTERM or SIGINT (``runUntilSignalled(onBound:)``) it stops
/// accepting connections, lets the requests in flight finish — a write is
/// answered only once durable — and returns.
///
/// ```swift
/// let server = HTTPServer(service: try LedgerService.open(path: "jiazhou.sqlite"), configuration: .init(port: 8080), logger: logger)
/// try await server.runUntilSignalled { address in print("listening on \(address)") }
/// ```
public struct HTTPServer: Sendable {
    /// Where to listen and the limits to keep.
    public struct Configuration: Sendable {
        /// The address to listen on (loopback by default).
        public var host: String
        /// 0 lets the system pick a free port; `onBound` says which.
        public var port: Int
        /// Largest request body; larger ones are 413 `too_large`.
        public var maxBodyBytes: Int
        /// Largest sheet uploaded to `POST /v1/sheets`; larger ones are 413 `too_large`.
        public var maxSheetBytes: Int
        /// How failed bearer authentication is throttled, per client address.
        public var authenticationThrottle: FailureThrottle.Policy

        public init(
            host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = HTTPLimits.defaultMaxBodyBytes,
            maxSheetBytes: Int = HTTPLimits.defaultMaxSheetBytes, authenticationThrottle: FailureThrottle.Policy = .authentication
        ) {
            self.host = host
            self.port = port
            self.maxBodyBytes = maxBodyBytes
            self.maxSheetBytes = maxSheetBytes
            self.authenticationThrottle = authenticationThrottle
        }
    }

    let service: LedgerService
    let configuration: Configuration
    let metrics: ServerMetrics
    let tokens: BearerTokens
    let logger: Logger

    /// `metrics` is this server's own registry (tests make one per server);
    /// `tokens` defaults to the ledger's token table and the system clock.
    public init(service: LedgerService, configuration: Configuration, metrics: ServerMetrics = ServerMetrics(), tokens: BearerTokens? = nil, logger: Logger) {
        self.service = service
        self.configuration = configuration
        self.metrics = metrics
        self.tokens = tokens ?? BearerTokens(service: service)
        self.logger = logger
    }

    /// Runs until SIGTERM or SIGINT, then shuts down gracefully.
    public func runUntilSignalled(onBound: @escaping @Sendable (SocketAddress) -> Void) async throws {
        try await application(onBound: onBound).runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// Runs until the surrounding task is cancelled or its service group shuts down.
    public func run(onBound: @escaping @Sendable (SocketAddress) -> Void) async throws {
        try await application(onBound: onBound).run()
    }

    func application(onBound: @escaping @Sendable (SocketAddress) -> Void) -> some ApplicationProtocol {
        let metrics = self.metrics
        service.observeCommitGroups { metrics.recordCommitGroup(requests: $0) }
        let services = RouteServices(
            ledger: service, metrics: metrics, maxBodyBytes: configuration.maxBodyBytes, maxSheetBytes: configuration.maxSheetBytes,
            openAPI: OpenAPIDocument.make(routes: RouteTable.routes, version: Self.version).canonicalBytes)
        let router = RouterBuilder.router(
            routes: RouteTable.routes, services: services,
            authentication: BearerAuthMiddleware(tokens: tokens, throttle: FailureThrottle(policy: configuration.authenticationThrottle)), logger: logger)
        return Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                if let address = channel.localAddress { onBound(address) }
            }, logger: logger)
    }

    /// The API version `/openapi.json` states.
    static let version = "1.0.0"
}
