public import Hummingbird
public import JiazhouCore

/// A refusal as the HTTP edge answers it: `{"error":{"reason","message"}}`
/// with the status of its reason and any header the status calls for
/// (`WWW-Authenticate`, `Retry-After`, `Allow`).
///
/// Handlers throw it (or a ``LedgerError``); ``ErrorMiddleware`` turns
/// whatever was thrown into a response, so errors become responses only at
/// the edge.
public struct HTTPFailure: Error, Sendable, Equatable {
    /// The status of ``reason``.
    public var status: HTTPResponse.Status
    /// A ``Reason`` or ``EdgeReason`` wire name.
    public var reason: String
    /// What went wrong and what to do, for a person.
    public var message: String
    /// Headers the status calls for.
    public var headers: HTTPFields = [:]
    /// Particulars beside reason and message (a refused batch's `rows`).
    public var details: [String: JSONValue] = [:]

    /// A ledger refusal, with the status its reason maps to.
    public init(_ error: LedgerError) {
        status = error.reason.httpStatus
        reason = error.reason.rawValue
        message = error.message
        details = error.details ?? [:]
        if error.reason == .storage_unavailable { headers[.retryAfter] = "1" }
        if error.reason == .rate_limited { headers[.retryAfter] = String(error.details?["retry_after_seconds"]?.integerValue ?? 60) }
    }

    init(_ reason: EdgeReason, _ message: String, headers: HTTPFields = [:]) {
        self.status = reason.httpStatus
        self.reason = reason.rawValue
        self.message = message
        self.headers = headers
    }

    static func invalid(_ message: String) -> HTTPFailure { HTTPFailure(LedgerError(.invalid_request, message)) }

    /// 401 with the challenge RFC 6750 §3 asks for.
    static func unauthorized(_ message: String) -> HTTPFailure {
        HTTPFailure(.unauthorized, message, headers: [.wwwAuthenticate: #"Bearer realm="jiazhou""#])
    }

    static func throttled(retryAfterSeconds: Int) -> HTTPFailure {
        HTTPFailure(
            .throttled, "too many failed attempts from this client; try again in \(retryAfterSeconds) s",
            headers: [.retryAfter: String(retryAfterSeconds)])
    }

    static func internalError() -> HTTPFailure {
        HTTPFailure(.internal_error, "the server failed; the failure is logged, and a write that was not answered may be retried with the same Idempotency-Key")
    }

    /// The response: the error object as canonical JSON.
    public var response: Response {
        var error = details
        error["reason"] = .string(reason)
        error["message"] = .string(message)
        let body: JSONValue = ["error": .object(error)]
        var response = Response.json(body.canonicalBytes, status: status)
        for field in headers { response.headers.append(field) }
        return response
    }
}

extension HTTPFailure: HTTPResponseError {
    /// Hummingbird's hook: the same response.
    public func response(from request: Request, context: some RequestContext) throws -> Response { response }
}
