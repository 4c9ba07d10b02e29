import Hummingbird

/// Counts every request by route template, method and status, and records
/// its duration, into the server's own registry.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.recordRequest(
            route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }
}
