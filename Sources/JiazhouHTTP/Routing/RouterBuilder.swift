import Hummingbird
import Logging

/// Builds Hummingbird's router from the route table: the middleware every
/// request passes (log, metrics, headers, errors), bearer authentication on
/// the routes that act, the web pages, the tlog tiles, and 405 with
/// `Allow` for a known path asked with another method.
enum RouterBuilder {
    /// The methods a known path answers 405 to when it does not serve them:
    /// TRACE and OPTIONS too, which clients and scanners send, so that a
    /// path that exists is never reported as missing (RFC 9110 §15.5.6);
    /// and QUERY, the safe method with a body (draft-ietf-httpbis-safe-method-w-body,
    /// an OpenAPI 3.2 operation), which tools such as schemathesis try.
    static let methods: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch, .trace, .options, HTTPRequest.Method("QUERY")!]

    static func router(
        routes: [Route], pages: [SitePage] = SitePage.all, services: RouteServices,
        authentication: BearerAuthMiddleware, logger: Logger
    ) -> Router<LedgerRequestContext> {
        let router = Router(context: LedgerRequestContext.self)
        // Added before any route: Hummingbird wraps each route in the middleware present when it is added.
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: MetricsMiddleware(metrics: services.metrics))
        // Outside the error middleware, so that refusals carry the headers too.
        router.add(middleware: ResponseHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(logger: logger))
        let authenticated = router.group().add(middleware: authentication)
        for route in routes {
            let respond = route.respond
            let handler: @Sendable (Request, LedgerRequestContext) async throws -> Response = { request, context in
                try await respond(request, context, services)
            }
            switch route.access {
            case .public: router.on(RouterPath(route.path), method: route.method, use: handler)
            case .bearer: authenticated.on(RouterPath(route.path), method: route.method, use: handler)
            }
        }
        for page in pages {
            router.on(RouterPath(page.path), method: .get) { request, _ -> Response in page.respond(to: request) }
        }
        TlogRoutes.add(to: router, ledger: services.ledger)
        var served: [String: [HTTPRequest.Method]] = [:]
        let known = routes.map { ($0.method, $0.path) } + pages.map { (HTTPRequest.Method.get, $0.path) }
            + TlogRoutes.paths.map { (HTTPRequest.Method.get, $0) }
        for (method, path) in known {
            served[path, default: []].append(method)
        }
        for (path, allowed) in served {
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            let failure = HTTPFailure(.method_not_allowed, "\(path) answers \(allow) only", headers: [.allow: allow])
            for method in methods where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ -> Response in throw failure }
            }
        }
        return router
    }
}
