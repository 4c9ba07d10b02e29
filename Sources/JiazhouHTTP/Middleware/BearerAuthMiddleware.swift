import Hummingbird
import JiazhouCore

/// Authentication for the routes that act: `Authorization: Bearer TOKEN`
/// names the principal that becomes the service's `actor`. What the
/// principal may do is the service's decision, not this middleware's.
///
/// Missing, unknown, expired and revoked tokens are 401 with
/// `WWW-Authenticate: Bearer` (RFC 6750). Each failure with a token drains
/// the client's ``FailureThrottle`` bucket; once it is empty the client gets
/// 429 with `Retry-After` for any token, before it is even looked up. A
/// request with no Authorization header guesses nothing: it is always 401,
/// which tells a client that meant to send none what the route needs.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let tokens: BearerTokens
    let throttle: FailureThrottle

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = Self.authorization(request.headers) else {
            throw HTTPFailure.unauthorized("this route needs a bearer token: Authorization: Bearer TOKEN (from `jiazhou token create`)")
        }
        // The client's address is made into a key only when a failure is
        // recorded somewhere (a String an authenticated request did not need).
        if throttle.hasFailures, let seconds = throttle.retryAfter(context.clientKey) { throw HTTPFailure.throttled(retryAfterSeconds: seconds) }
        guard let token = Self.bearerToken(header) else {
            throttle.recordFailure(context.clientKey)
            throw HTTPFailure.unauthorized("the Authorization header must be \"Bearer TOKEN\"")
        }
        let check: BearerTokens.Check
        do {
            check = try tokens.check(token)
        } catch {
            throw HTTPFailure(error)
        }
        var context = context
        switch check {
        case .valid(let principal):
            context.principal = principal
            return try await next(request, context)
        case .unknown:
            throttle.recordFailure(context.clientKey)
            throw HTTPFailure.unauthorized("the bearer token is not one this ledger issued")
        case .expired(let time):
            throttle.recordFailure(context.clientKey)
            throw HTTPFailure.unauthorized("the bearer token expired at \(time); ask the operator for a new one")
        case .revoked(let time):
            throttle.recordFailure(context.clientKey)
            throw HTTPFailure.unauthorized("the bearer token was revoked at \(time)")
        }
    }

    /// The Authorization field's value, found by one pass over the fields;
    /// a repeated field's values joined as `HTTPFields` joins them (no
    /// token then matches). (Its subscript joins through generic lazy
    /// sequences: a tenth of an authenticated read.)
    static func authorization(_ fields: HTTPFields) -> String? {
        var found: String?
        for field in fields where field.name == .authorization {
            guard found == nil else { return fields[.authorization] }
            found = field.value
        }
        return found
    }

    /// The token of `Bearer TOKEN` (the scheme in any case, RFC 7235 §2.1), or `nil`.
    static func bearerToken(_ header: String) -> String? {
        let utf8 = header.utf8
        guard utf8.count > 7, utf8.prefix(6).lazy.map({ $0 | 0x20 }).elementsEqual("bearer".utf8), utf8.dropFirst(6).first == UInt8(ascii: " ") else {
            return nil
        }
        let token = utf8.dropFirst(7).drop { $0 == UInt8(ascii: " ") }
        return token.isEmpty ? nil : String(Substring(token))
    }
}
