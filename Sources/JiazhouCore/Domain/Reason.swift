/// Why the ledger refused something. The raw values are the wire names
/// (`data.reason` in JSON-RPC, `error.reason` over HTTP).
///
/// Append-only: a published name is never renamed or reused. Declared in
/// order of precedence: when a request has several faults, the first one
/// listed here is reported.
public enum Reason: String, Sendable, Codable, CaseIterable {
    /// The request is malformed: a bad id, points out of range, a missing field.
    case invalid_request
    /// The request is larger than a limit allows.
    case too_large
    /// The acting principal may not do this, or not in this scope.
    case forbidden
    /// An account or principal that was never opened.
    case unknown_account
    /// An account that is already open.
    case account_exists
    /// A seq beyond the end of the ledger.
    case unknown_entry
    /// An idempotency key reused with different parameters.
    case idempotency_conflict
    /// An activity category the rule set in force does not define.
    case unknown_category
    /// A rule set that does not parse or validate.
    case rules_invalid
    /// An entry of a kind that cannot be reversed (genesis, a reversal, …).
    case not_reversible
    /// An entry that was already reversed.
    case already_reversed
    /// Not enough spendable points.
    case insufficient_points
    /// The database or its key is not a Jiazhou ledger, or is damaged.
    case ledger_invalid
    /// The storage refused the write: read-only, full, locked or failing.
    case storage_unavailable
    /// The rule set's caps leave nothing of this service to count: the
    /// volunteer has reached the day's counted minutes and the points caps.
    case cap_exceeded
    /// The paying issuer has awarded its whole budget for the month.
    case budget_exhausted
    /// No redemption code like this was ever issued.
    case unknown_code
    /// The redemption code outlived the rule set's code lifetime unused.
    case code_expired
    /// The redemption code was already used by an earlier redemption.
    case code_used
    /// A redemption would pass the merchant's or the volunteer's daily
    /// redemption limit of the rule set in force.
    case limit_exceeded
    /// The rule set in force does not allow this transfer: it allows no
    /// gifts of points at all, or not to this recipient (its `transfer`
    /// policy names the tags a recipient must carry).
    case transfer_not_allowed
    /// The merchant or volunteer is suspended (an `account.update`): it
    /// takes, spends, gives and receives no points until made active again.
    case account_suspended
    /// The merchant typed too many codes that were never issued in a short
    /// time (the rule set's `redemption.unknown_code_limit` within
    /// `unknown_code_minutes`); `retry_after_seconds` says when to try again.
    case rate_limited
    /// A redemption by item names an item the merchant's catalogue does not have.
    case unknown_item
    /// No certificate (志愿服务证明) has this number: it was never issued,
    /// or was mistyped. The answer does not say which.
    case unknown_certificate
    /// The request is sound but would change nothing, so nothing is
    /// written: a merchant with no balance to settle, an account already in
    /// the status asked for. A state of the account, not a fault of the
    /// request's form (HTTP 409, not 400).
    case nothing_to_do
    /// What an `account.update` sets is not for this account's kind: a
    /// catalogue is a merchant's, a suspension a merchant's or a volunteer's.
    /// The id's kind decides, and over HTTP the id is the path while what is
    /// set is the body, which no API document can tie together: so this is
    /// a refusal of the instructions (HTTP 422), not of the request's form.
    case not_applicable
}

/// A refusal: a reason, a message that says what to do, and an optional cause.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: Reason
    public var message: String
    /// The underlying error's description, if any (a SQLite message, …).
    public var cause: String?
    /// Structured particulars for a client, as members of an object (an
    /// `award.batch` refused whole lists its bad `rows`). The transports add
    /// them beside `reason`.
    public var details: [String: JSONValue]?

    public init(_ reason: Reason, _ message: String, cause: String? = nil, details: [String: JSONValue]? = nil) {
        self.reason = reason
        self.message = message
        self.cause = cause
        self.details = details
    }

    public var description: String {
        cause.map { "\(reason.rawValue): \(message) (\($0))" } ?? "\(reason.rawValue): \(message)"
    }
}
