public import JiazhouCore
public import JiazhouStorage
import PostgresNIO

/// A PostgreSQL failure with what it means for the person (StorageFailure):
/// the service turns it into `storage_unavailable` with what to do.
public struct PostgresFailure: StorageFailure, CustomStringConvertible {
    public let ledgerError: LedgerError
    /// Whether the connection it happened on is unusable (closed, lost, or
    /// in an unknown state): the store drops it rather than reuse it.
    let connectionIsLost: Bool
    /// The failure came at BEGIN: nothing of the request had run, so it may be retried on a fresh connection.
    private(set) var beforeWork = false

    func beforeWorkStarted() -> PostgresFailure {
        var copy = self
        copy.beforeWork = true
        return copy
    }

    public var description: String { "\(ledgerError.message) (\(ledgerError.cause ?? ""))" }

    init(_ error: any Error, location: PostgresLocation, during phase: Phase) {
        if let failure = error as? PostgresFailure {
            self = failure
            return
        }
        if let error = error as? LedgerError {
            ledgerError = error
            connectionIsLost = false
            return
        }
        let cause = String(reflecting: error)
        guard let psql = error as? PSQLError else {
            ledgerError = LedgerError(.storage_unavailable, "PostgreSQL at \(location.description) failed; \(phase.outcome)", cause: cause)
            connectionIsLost = true
            return
        }
        let state = psql.serverInfo?[.sqlState] ?? ""
        let server = psql.serverInfo?[.message] ?? ""
        switch psql.code {
        case .server:
            connectionIsLost = state.hasPrefix("57P") || state.hasPrefix("08")
            ledgerError = Self.serverError(state: state, message: server, location: location, phase: phase)
        case .sslUnsupported:
            connectionIsLost = true
            ledgerError = LedgerError(
                .storage_unavailable,
                "PostgreSQL at \(location.description) does not offer TLS, and sslmode=\(location.tlsMode.rawValue) requires it; nothing was sent; turn on `ssl` in the server's configuration, or connect with sslmode=prefer over a network you trust",
                cause: cause)
        case _ where Self.isTLSFailure(psql.underlying):
            connectionIsLost = true
            ledgerError = LedgerError(
                .storage_unavailable,
                "PostgreSQL at \(location.description): the TLS handshake failed (sslmode=\(location.tlsMode.rawValue)): the server's certificate is not signed by an authority in \(location.rootCertificateFile ?? "the system's trust store") or does not name the host \(location.host); nothing was sent; check sslrootcert and the host in the URL",
                cause: cause)
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            connectionIsLost = true
            ledgerError = LedgerError(
                .storage_unavailable,
                "PostgreSQL at \(location.description) cannot be reached or closed the connection; \(phase.outcome); check that the server runs and accepts connections, then try again",
                cause: cause)
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            connectionIsLost = true
            ledgerError = LedgerError(
                .storage_unavailable, "PostgreSQL at \(location.description) refused the login; give the password in the URL or PGPASSWORD", cause: cause)
        default:
            connectionIsLost = true
            ledgerError = LedgerError(.storage_unavailable, "PostgreSQL at \(location.description) failed; \(phase.outcome)", cause: cause)
        }
    }

    /// Whether a connection failed in the TLS handshake (an untrusted or
    /// misnamed certificate), not on the network.
    private static func isTLSFailure(_ error: (any Error)?) -> Bool {
        guard let error else { return false }
        return error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError
    }

    init(_ error: LedgerError) {
        ledgerError = error
        connectionIsLost = false
    }

    /// What was going on, for what the person is told about their write.
    enum Phase {
        case connecting, reading, writing
        /// A lost COMMIT may or may not have landed: the idempotency key says which on retry.
        case committing

        var outcome: String {
            switch self {
            case .connecting, .reading: return "nothing was written"
            case .writing: return "nothing was written (the transaction was rolled back)"
            case .committing: return "the write may or may not have been committed: retry it with the same idempotency key"
            }
        }
    }

    private static func serverError(state: String, message: String, location: PostgresLocation, phase: Phase) -> LedgerError {
        let cause = "SQLSTATE \(state): \(message)"
        switch state {
        case "28000" where message.contains("pg_hba.conf"):
            return LedgerError(
                .storage_unavailable,
                "PostgreSQL at \(location.description) takes no login like this one (its pg_hba.conf has no line for this user, database, address and encryption); if it takes logins only over TLS, connect with sslmode=require",
                cause: cause)
        case "28P01", "28000":
            return LedgerError(.storage_unavailable, "PostgreSQL at \(location.description) refused user \(location.user): wrong password or no such role; check the URL or PGPASSWORD", cause: cause)
        case "3D000":
            return LedgerError(.storage_unavailable, "there is no database \(location.database) at \(location.description); create it with `createdb \(location.database)` and `jiazhou init`", cause: cause)
        case "40001", "40P01", "55P03":
            return LedgerError(.storage_unavailable, "the ledger is busy (another writer held the head too long); \(phase.outcome); try again", cause: cause)
        case "57014":
            return LedgerError(.storage_unavailable, "PostgreSQL cancelled a statement that ran too long; \(phase.outcome)", cause: cause)
        case "53100", "53200", "53300":
            return LedgerError(.storage_unavailable, "PostgreSQL at \(location.description) is out of disk, memory or connections; \(phase.outcome)", cause: cause)
        case "25006":
            return LedgerError(.storage_unavailable, "PostgreSQL at \(location.description) is read-only (a standby?); write to the primary", cause: cause)
        default:
            if state.hasPrefix("57P") || state.hasPrefix("08") {
                return LedgerError(.storage_unavailable, "PostgreSQL at \(location.description) is shutting down or restarting; \(phase.outcome); try again when it is back", cause: cause)
            }
            if state.hasPrefix("23") {
                return LedgerError(.storage_unavailable, "a database constraint refused the write; nothing was written (this is a bug: please report it)", cause: cause)
            }
            return LedgerError(.storage_unavailable, "PostgreSQL failed; \(phase.outcome)", cause: cause)
        }
    }
}
