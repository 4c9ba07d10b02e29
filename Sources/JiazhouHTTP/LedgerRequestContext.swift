public import Hummingbird
public import JiazhouCore
public import NIOCore

/// What a request carries besides itself: Hummingbird's core context, the
/// client's address (failed authentication is throttled by it), and the
/// principal that its bearer token names once ``BearerAuthMiddleware`` has
/// checked it.
public struct LedgerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address, as the connection has it.
    public let remoteAddress: SocketAddress?
    /// The acting principal; `nil` on public routes.
    public var principal: AccountID?

    /// Hummingbird makes one per request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address without its port: one key per client.
    var clientKey: String { remoteAddress?.ipAddress ?? "unknown" }

    func requirePrincipal() throws(HTTPFailure) -> AccountID {
        guard let principal else { throw HTTPFailure.unauthorized("this route needs a bearer token: Authorization: Bearer TOKEN") }
        return principal
    }
}
