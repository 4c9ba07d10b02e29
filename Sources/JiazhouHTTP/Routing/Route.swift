import Hummingbird
import JiazhouCore
import JiazhouService

/// One route of the HTTP API: what it answers, for whom, with what shapes,
/// and how. ``RouteTable`` lists them all; the router, the authentication
/// and `/openapi.json` are all built from that one list, so they cannot
/// disagree.
struct Route: Sendable {
    enum Access: Sendable, Equatable {
        /// Anyone (as JSON-RPC's `publicRead`).
        case `public`
        /// A bearer token; its principal is the actor the service authorizes.
        case bearer
    }

    enum Input: Sendable {
        /// Nothing; query parameters are ignored.
        case none
        /// The request type's members from the path's `{name}`s and the query.
        case parameters(Schema)
        /// The request type as a JSON body.
        case body(Schema)
        /// A sheet's bytes as the body (CSV or tab-separated text), and the
        /// request type's members from the query.
        case sheet(Schema)
    }

    enum Output: Sendable {
        case json(Schema)
        /// Text of this media type.
        case text(String)
        /// JSON of this schema, or with `format=csv|xlsx` the same report as a spreadsheet file.
        case report(Schema)
    }

    let method: HTTPRequest.Method
    /// The path, with `{name}` for a parameter (Hummingbird's and OpenAPI's syntax alike).
    let path: String
    /// The service operation (the JSON-RPC method name), or the route's own name.
    let operation: String
    let summary: String
    let access: Access
    let input: Input
    let output: Output
    /// The ledger's refusals this route's operation can answer with, for the
    /// documentation (every route may also answer with the generic ones, see
    /// ``documentedFailures``).
    let refusals: [Reason]
    /// Whether the route takes an `Idempotency-Key`: writes do, but for
    /// those whose result is a secret the ledger does not keep (a redemption
    /// code, a certificate number), which refuse one.
    let takesIdempotencyKey: Bool
    let respond: @Sendable (Request, LedgerRequestContext, RouteServices) async throws -> Response

    /// The `{name}`s of the path, in order.
    var pathParameters: [String] { Self.parameters(in: path) }

    static func parameters(in path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }
}

/// What the routes work with: built once per server.
struct RouteServices: Sendable {
    let ledger: LedgerService
    let metrics: ServerMetrics
    let maxBodyBytes: Int
    let maxSheetBytes: Int
    /// `/openapi.json`, built from the route table at start.
    let openAPI: [UInt8]
}
