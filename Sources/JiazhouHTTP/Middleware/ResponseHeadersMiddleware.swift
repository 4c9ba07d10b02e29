import Hummingbird

/// Headers every answer carries, refusals included: `nosniff`, so that a
/// browser never runs a JSON or text answer as a script or page; and
/// `no-store` unless the route chose its own caching (the pages do),
/// because balances and histories are personal and a shared phone or proxy
/// must not keep them.
struct ResponseHeadersMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.xContentTypeOptions] == nil { response.headers[.xContentTypeOptions] = "nosniff" }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
