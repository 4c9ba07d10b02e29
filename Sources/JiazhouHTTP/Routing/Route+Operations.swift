import Hummingbird
import HTTPTypes
import JiazhouCore
import JiazhouService

/// The kinds of route, each a thin edge around one service call: decode →
/// call the service → encode. The closures given are the very calls that
/// JSON-RPC's method table makes.
extension Route {
    /// A GET that anyone may make (as JSON-RPC's `publicRead`).
    static func publicRead<Request: Decodable & Sendable, Result: Codable & Sendable>(
        _ path: String, _ operation: String, _ summary: String, _ request: Request.Type, refusals: [Reason] = [],
        _ body: @escaping @Sendable (LedgerService, Request) throws(LedgerError) -> Result
    ) -> Route {
        let input = SchemaRecorder.schema(of: Request.self)
        let parameters = Route.parameters(in: path)
        return Route(
            method: .get, path: path, operation: operation, summary: summary, access: .public, input: .parameters(input),
            output: .json(SchemaRecorder.schema(of: Result.self)), refusals: refusals, takesIdempotencyKey: false
        ) { http, context, services in
            let request = try ParameterInput.decode(Request.self, schema: input, path: path, pathParameters: parameters, request: http, context: context)
            return try encoded(try refusing { () throws(LedgerError) in try body(services.ledger, request) })
        }
    }

    /// A GET on behalf of the token's principal, whom the service authorizes.
    static func read<Request: Decodable & Sendable, Result: Codable & Sendable>(
        _ path: String, _ operation: String, _ summary: String, _ request: Request.Type, refusals: [Reason],
        _ body: @escaping @Sendable (LedgerService, Request, AccountID) throws(LedgerError) -> Result
    ) -> Route {
        let input = SchemaRecorder.schema(of: Request.self)
        let parameters = Route.parameters(in: path)
        return Route(
            method: .get, path: path, operation: operation, summary: summary, access: .bearer, input: .parameters(input),
            output: .json(SchemaRecorder.schema(of: Result.self)), refusals: refusals, takesIdempotencyKey: false
        ) { http, context, services in
            let actor = try context.requirePrincipal()
            let request = try ParameterInput.decode(Request.self, schema: input, path: path, pathParameters: parameters, request: http, context: context)
            return try encoded(try refusing { () throws(LedgerError) in try body(services.ledger, request, actor) })
        }
    }

    /// A write with a JSON body, on behalf of the token's principal. It is
    /// enqueued on the service's commit queue, so that concurrent requests
    /// share one transaction and one fsync, and answered only once durable.
    /// The path's `{name}`s (`PATCH /v1/accounts/{account}`) are members of
    /// the request, as text, besides the body's.
    static func write<Request: Decodable & Sendable, Result: Codable & Sendable>(
        _ method: HTTPRequest.Method, _ path: String, _ operation: String, _ summary: String, _ request: Request.Type, refusals: [Reason],
        takesIdempotencyKey: Bool = true, _ enqueue: @escaping @Sendable (LedgerService, Request, AccountID, String?) -> Durable<Result>
    ) -> Route {
        let parameters = Route.parameters(in: path)
        return Route(
            method: method, path: path, operation: operation, summary: summary, access: .bearer, input: .body(SchemaRecorder.schema(of: Request.self)),
            output: .json(SchemaRecorder.schema(of: Result.self)), refusals: refusals, takesIdempotencyKey: takesIdempotencyKey
        ) { http, context, services in
            let actor = try context.requirePrincipal()
            var pathMembers: [String: String] = [:]
            for name in parameters { pathMembers[name] = try ParameterInput.pathText(name, context: context) }
            let request = try await BodyInput.decode(Request.self, request: http, limit: services.maxBodyBytes, pathMembers: pathMembers)
            let key = http.headers[.idempotencyKey]
            let handle = enqueue(services.ledger, request, actor, key)
            let result: Result
            do throws(LedgerError) { result = try await handle.value } catch { throw HTTPFailure(error) }
            return try encoded(result)
        }
    }

    /// A read whose request is a JSON body (POST, writing nothing): a dry
    /// run such as `rules.evaluate`, whose activity does not fit a query.
    static func bodyRead<Request: Decodable & Sendable, Result: Codable & Sendable>(
        _ path: String, _ operation: String, _ summary: String, _ request: Request.Type, refusals: [Reason],
        _ body: @escaping @Sendable (LedgerService, Request, AccountID) throws(LedgerError) -> Result
    ) -> Route {
        Route(
            method: .post, path: path, operation: operation, summary: summary, access: .bearer, input: .body(SchemaRecorder.schema(of: Request.self)),
            output: .json(SchemaRecorder.schema(of: Result.self)), refusals: refusals, takesIdempotencyKey: false
        ) { http, context, services in
            let actor = try context.requirePrincipal()
            let request = try await BodyInput.decode(Request.self, request: http, limit: services.maxBodyBytes)
            return try encoded(try refusing { () throws(LedgerError) in try body(services.ledger, request, actor) })
        }
    }

    /// A GET that anyone may make, answered as text.
    static func publicText<Request: Decodable & Sendable>(
        _ path: String, _ operation: String, _ summary: String, _ request: Request.Type, contentType: String, refusals: [Reason] = [],
        _ body: @escaping @Sendable (LedgerService, Request) throws(LedgerError) -> String
    ) -> Route {
        let input = SchemaRecorder.schema(of: Request.self)
        let parameters = Route.parameters(in: path)
        return Route(
            method: .get, path: path, operation: operation, summary: summary, access: .public, input: .parameters(input),
            output: .text(contentType), refusals: refusals, takesIdempotencyKey: false
        ) { http, context, services in
            let request = try ParameterInput.decode(Request.self, schema: input, path: path, pathParameters: parameters, request: http, context: context)
            return .text(try refusing { () throws(LedgerError) in try body(services.ledger, request) }, contentType: contentType)
        }
    }

    /// The server's own routes (health, metrics, the API's description): no
    /// ledger operation, no parameters.
    static func system(
        _ path: String, _ name: String, _ summary: String, output: Output,
        _ respond: @escaping @Sendable (RouteServices) throws -> Response
    ) -> Route {
        Route(method: .get, path: path, operation: name, summary: summary, access: .public, input: .none, output: output, refusals: [], takesIdempotencyKey: false) {
            _, _, services in try respond(services)
        }
    }
}

/// Runs a service call, turning its refusal into the edge's.
private func refusing<T>(_ body: () throws(LedgerError) -> T) throws(HTTPFailure) -> T {
    do { return try body() } catch { throw HTTPFailure(error) }
}

/// A result as canonical JSON (RFC 8785: keys sorted, no whitespace), with
/// the member names its `Codable` type defines, as JSON-RPC answers it.
func encoded(_ value: some Encodable) throws -> Response {
    do {
        return .json(try JSONValueEncoder.canonicalBytes(value))
    } catch {
        throw HTTPFailure.internalError()
    }
}

extension HTTPField.Name {
    /// The idempotency key of a write (PROTOCOL.md): the service's `key`.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
