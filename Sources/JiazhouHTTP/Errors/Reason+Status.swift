public import HTTPTypes
public import JiazhouCore

extension Reason {
    /// The HTTP status that answers a refusal for this reason.
    ///
    /// A switch without `default`: a reason added to the ledger does not
    /// compile here until someone decides its status.
    public var httpStatus: HTTPResponse.Status {
        switch self {
        case .invalid_request: .badRequest
        case .too_large: .contentTooLarge
        case .forbidden: .forbidden
        case .unknown_account, .unknown_entry, .unknown_code, .unknown_item, .unknown_certificate: .notFound
        case .account_exists, .idempotency_conflict, .already_reversed, .code_used: .conflict
        // The code existed and is gone for good: 410, so a till tells "ask
        // for a new code" apart from "typed it wrong" (404) and "spent" (409).
        case .code_expired: .gone
        // A daily limit is a rule of the ledger, like a cap, not a request
        // rate: retrying later today will not help, so not 429.
        case .unknown_category, .rules_invalid, .not_reversible, .insufficient_points, .cap_exceeded, .budget_exhausted, .limit_exceeded:
            .unprocessableContent
        // The rule set decides gifting, not the principal's role: a rule of
        // the ledger (422), not an authorization (403).
        case .transfer_not_allowed: .unprocessableContent
        // The body is well formed, but not for the kind of account the path names.
        case .not_applicable: .unprocessableContent
        // The request is sound and the principal may make it, but the
        // account's present state refuses it (RFC 9110 §15.5.10): 409, so a
        // till tells "this shop is suspended" apart from "this token may not".
        case .account_suspended: .conflict
        // The account's state makes the request moot (already settled, already suspended).
        case .nothing_to_do: .conflict
        // Guessing codes is a request rate, and waiting helps: 429 with Retry-After.
        case .rate_limited: .tooManyRequests
        // The file or its key is damaged: nothing the client can change.
        case .ledger_invalid: .internalServerError
        case .storage_unavailable: .serviceUnavailable
        }
    }
}

/// Refusals that only the HTTP edge makes: they concern the connection, the
/// token, the URL or an uploaded file's form, never the ledger's state, so
/// they are not ``Reason``s. Their raw values are the wire names in `error.reason`.
public enum EdgeReason: String, Sendable, CaseIterable {
    /// No bearer token, or one that is unknown, expired or revoked (401).
    case unauthorized
    /// Too many failed attempts from this client; see `Retry-After` (429).
    case throttled
    /// No route has this path (404).
    case not_found
    /// The path exists, the method does not; see `Allow` (405).
    case method_not_allowed
    /// A bug in the server (500).
    case internal_error
    /// An uploaded sheet with bad rows, or one the reader refuses whole
    /// (422): nothing was written; `error.sheet.problems` lists every
    /// problem with its row, column and reason.
    case sheet_invalid

    public var httpStatus: HTTPResponse.Status {
        switch self {
        case .unauthorized: .unauthorized
        case .throttled: .tooManyRequests
        case .not_found: .notFound
        case .method_not_allowed: .methodNotAllowed
        case .internal_error: .internalServerError
        case .sheet_invalid: .unprocessableContent
        }
    }
}
