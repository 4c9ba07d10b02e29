import Hummingbird
import JiazhouCore
import Logging
import NIOCore

/// The edge where errors become responses: an ``HTTPFailure`` or a
/// ``LedgerError`` becomes its status and `{"error":{"reason","message"}}`;
/// Hummingbird's own (no route, a body over its limit) get the same shape;
/// anything else is a bug, logged and answered 500 without its details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as HTTPFailure {
            return failure.response
        } catch let error as LedgerError {
            return HTTPFailure(error).response
        } catch let error as any HTTPResponseError where error.status == .notFound {
            return HTTPFailure(.not_found, "there is no route \(request.method) \(request.uri.path.prefix(200)); see /openapi.json").response
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return HTTPFailure(LedgerError(.too_large, "the body is over this server's limit")).response
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            return HTTPFailure(LedgerError(.invalid_request, "the request is not valid HTTP for this route (\(error.status))")).response
        } catch {
            logger.error("internal error", metadata: ["request.id": "\(context.id)", "error": "\(error)"])
            return HTTPFailure.internalError().response
        }
    }
}
