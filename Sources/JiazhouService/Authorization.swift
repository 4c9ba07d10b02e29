public import JiazhouCore
import JiazhouStorage

/// Who may do what, decided on (principal, operation, scope) — here, once,
/// for every transport.
///
/// - `operator:` may do everything.
/// - `coordinator:` acts at or below its scope: awards from issuers there,
///   reverses what it could have awarded, opens volunteers and merchants
///   there, reads accounts there.
/// - `volunteer:` and `merchant:` read themselves.
struct Authorization {
    let principal: Account

    /// Loads the acting principal; an id that was never opened may do nothing.
    /// `known`: the actor's own account when the caller has just read it in
    /// the same transaction (a volunteer reading itself), so that it is not
    /// read twice.
    init(actor: AccountID, reader: any LedgerReading, known: Account? = nil) throws {
        guard actor.kind != .issuer, actor.kind != .sink else {
            throw LedgerError(.forbidden, "\(actor) is an account, not a principal that can act")
        }
        if let known, known.id == actor {
            principal = known
            return
        }
        guard let account = try reader.account(actor) else {
            throw LedgerError(.forbidden, "\(actor) is not an open principal")
        }
        principal = account
    }

    var isOperator: Bool { principal.id.kind == .operator }

    /// Whether the principal governs `scope` (the operator governs all).
    func governs(_ scope: Scope) -> Bool {
        isOperator || (principal.id.kind == .coordinator && principal.scope.contains(scope))
    }

    func requireOperator(_ what: String) throws {
        guard isOperator else { throw LedgerError(.forbidden, "only an operator may \(what)") }
    }

    /// May award or reverse awards in `scope`.
    func requireAward(in scope: Scope) throws {
        guard governs(scope) else {
            throw LedgerError(.forbidden, "\(principal.id) may not award in \(scope)\(principal.id.kind == .coordinator ? " (its scope is \(principal.scope))" : "")")
        }
    }

    /// May open `account` in `scope`.
    func requireOpen(_ account: AccountID, in scope: Scope) throws {
        switch account.kind {
        case .volunteer, .merchant:
            guard governs(scope) else { throw LedgerError(.forbidden, "\(principal.id) may not open accounts in \(scope)") }
        case .issuer, .coordinator, .operator:
            try requireOperator("open \(account.kind.rawValue) accounts")
        case .sink:
            throw LedgerError(.forbidden, "sinks are system accounts, made by `jiazhou init`")
        }
    }

    /// May read `account`: itself, or an account within a governed scope.
    func requireRead(_ account: Account) throws {
        guard principal.id == account.id || governs(account.scope) else {
            throw LedgerError(.forbidden, "\(principal.id) may not read \(account.id)")
        }
    }
}
