import JiazhouCore

/// A JSON-RPC 2.0 error object (§5.1): the standard codes, and −32000 for
/// the ledger's refusals with the ``Reason`` wire name in `data.reason`.
///
/// This is the one place where a ``LedgerError`` becomes a JSON-RPC error,
/// so the mapping cannot differ between methods.
struct RPCError: Error, Sendable, Equatable {
    enum Code: Int, Sendable {
        /// Invalid JSON, including invalid UTF-8 (§5.1).
        case parseError = -32700
        /// Valid JSON that is not a request object, or a line over the limit.
        case invalidRequest = -32600
        case methodNotFound = -32601
        /// The params do not fit the method: a missing or mistyped field.
        case invalidParams = -32602
        /// A bug or an unexpected failure of the server itself.
        case internalError = -32603
        /// A refusal by the ledger (PROTOCOL.md): see `data.reason`.
        case refused = -32000
    }

    var code: Code
    var message: String
    /// An object, or `nil` for none.
    var data: JSONValue?

    static func parse(_ failure: JSONParser.Failure) -> RPCError {
        RPCError(code: .parseError, message: "the line is not valid JSON: \(failure.message) at byte \(failure.offset)", data: ["offset": .integer(Int64(failure.offset))])
    }

    static func invalidRequest(_ message: String) -> RPCError {
        RPCError(code: .invalidRequest, message: message, data: ["reason": .string(Reason.invalid_request.rawValue)])
    }

    static func tooLarge(_ message: String) -> RPCError {
        RPCError(code: .invalidRequest, message: message, data: ["reason": .string(Reason.too_large.rawValue)])
    }

    static func methodNotFound(_ message: String) -> RPCError {
        RPCError(code: .methodNotFound, message: message, data: nil)
    }

    static func invalidParams(_ message: String) -> RPCError {
        RPCError(code: .invalidParams, message: message, data: ["reason": .string(Reason.invalid_request.rawValue)])
    }

    static func internalError(_ message: String) -> RPCError {
        RPCError(code: .internalError, message: message, data: nil)
    }

}

extension RPCError {
    /// A ledger refusal: a malformed request is the client's params (−32602),
    /// anything else is a domain error (−32000) carrying its reason.
    init(_ error: LedgerError) {
        var data: [String: JSONValue] = error.details ?? [:]
        data["reason"] = .string(error.reason.rawValue)
        if let cause = error.cause { data["cause"] = .string(cause) }
        self.init(code: error.reason == .invalid_request ? .invalidParams : .refused, message: error.message, data: .object(data))
    }
}
