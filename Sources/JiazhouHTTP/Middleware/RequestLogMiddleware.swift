import Hummingbird
import Logging

/// One structured log line per request, at `info`: its id, method, route
/// (the template, so that ids in paths stay out of logs), status and
/// duration.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        guard logger.logLevel <= .info else { return response }
        let elapsed = ContinuousClock.now - start
        logger.info(
            "request",
            metadata: [
                "request.id": "\(context.id)", "http.method": "\(request.method)", "http.route": "\(context.endpointPath ?? "unmatched")",
                "http.status": "\(response.status.code)", "duration.ms": "\(Self.milliseconds(elapsed))",
            ])
        return response
    }

    /// Milliseconds with three decimals: `12.345`.
    static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
