import HTTPTypes
import JiazhouCore

extension Route {
    /// Every error status this route can answer with, and the reasons behind
    /// each: its operation's refusals, plus what its kind brings (a token's
    /// 401/429, a body's 413, storage's 503, a damaged ledger's 500).
    var documentedFailures: [(status: Int, reasons: [String])] {
        var reasons = refusals.map(\.rawValue)
        switch input {
        case .none: break
        case .parameters: reasons.append(Reason.invalid_request.rawValue)
        case .body: reasons += [Reason.invalid_request.rawValue, Reason.too_large.rawValue]
        case .sheet: reasons += [Reason.invalid_request.rawValue, Reason.too_large.rawValue, EdgeReason.sheet_invalid.rawValue]
        }
        if access == .bearer {
            reasons += [EdgeReason.unauthorized.rawValue, EdgeReason.throttled.rawValue, Reason.forbidden.rawValue]
        }
        if input.touchesLedger {
            reasons += [Reason.storage_unavailable.rawValue, Reason.ledger_invalid.rawValue, EdgeReason.internal_error.rawValue]
        }
        var byStatus: [Int: [String]] = [:]
        for reason in reasons {
            let status = Reason(rawValue: reason)?.httpStatus.code ?? EdgeReason(rawValue: reason)!.httpStatus.code
            if byStatus[status]?.contains(reason) != true { byStatus[status, default: []].append(reason) }
        }
        return byStatus.keys.sorted().map { ($0, byStatus[$0]!) }
    }
}

extension Route.Input {
    /// Whether the route calls the ledger (the server's own routes do not).
    var touchesLedger: Bool {
        if case .none = self { return false }
        return true
    }
}
