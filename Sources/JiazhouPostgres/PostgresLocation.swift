public import JiazhouCore
import Foundation
import PostgresNIO

/// Where a PostgreSQL ledger lives, from the URL that names it wherever a
/// ledger is named (`--db`, `JIAZHOU_DB`):
///
/// ```
/// postgres://user@127.0.0.1:5432/ledger
/// postgres://user:secret@db.example/ledger
/// postgres://user@localhost/ledger?host=/run/postgresql     (a Unix socket folder)
/// ```
///
/// The password comes from the URL or, if it has none, from `PGPASSWORD`.
///
/// TLS over TCP as libpq negotiates it, by `sslmode` (or `PGSSLMODE`):
/// `prefer` (the default: TLS when the server offers it, no certificate
/// check), `require` (TLS or no connection), `verify-ca` (and the server's
/// certificate chains to a trusted authority), `verify-full` (and it names
/// the host), `disable`. `sslrootcert=FILE` (or `PGSSLROOTCERT`) names the
/// PEM file of authorities to trust (default: the system's); with it,
/// `require` checks the chain as `verify-ca` does, as in libpq. A Unix
/// socket is never encrypted (the server offers no TLS there).
///
/// ```
/// postgres://jiazhou@db.example/ledger?sslmode=verify-full&sslrootcert=/etc/jiazhou/db-ca.pem
/// ```
public struct PostgresLocation: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// A Unix socket folder (libpq's `host=/dir`): the socket is `DIR/.s.PGSQL.PORT`.
    public var socketFolder: String?
    /// How TLS is negotiated over TCP.
    public var tlsMode: TLSMode
    /// A PEM file of the certificate authorities to trust; the system's when `nil`.
    public var rootCertificateFile: String?

    /// libpq's `sslmode` values, but `allow` (plain first, then TLS), which
    /// postgres-nio cannot do.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// Whether `text` names a PostgreSQL ledger rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` URL; refuses one without a user or a database name.
    public init(url text: String, environment: [String: String]? = nil) throws(LedgerError) {
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw LedgerError(.invalid_request, "\(text) is not a postgres:// URL; write postgres://user@host:port/dbname")
        }
        guard let user = components.user, !user.isEmpty else {
            throw LedgerError(.invalid_request, "the URL names no user; write postgres://USER@host:port/dbname")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw LedgerError(.invalid_request, "the URL names no database; write postgres://user@host:port/DBNAME (create it first with `createdb`)")
        }
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password?.removingPercentEncoding ?? (environment ?? ProcessInfo.processInfo.environment)["PGPASSWORD"]
        self.host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        self.port = components.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
        let query = components.queryItems ?? []
        func parameter(_ name: String, environment variable: String) -> String? {
            query.first(where: { $0.name == name })?.value ?? (environment ?? ProcessInfo.processInfo.environment)[variable]
        }
        self.socketFolder = query.first(where: { $0.name == "host" })?.value
        let modeText = parameter("sslmode", environment: "PGSSLMODE") ?? TLSMode.prefer.rawValue
        guard let mode = TLSMode(rawValue: modeText) else {
            throw LedgerError(
                .invalid_request,
                "sslmode=\(modeText) is not one this client negotiates; write sslmode= one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.tlsMode = mode
        self.rootCertificateFile = parameter("sslrootcert", environment: "PGSSLROOTCERT")
        if let file = rootCertificateFile, socketFolder == nil, mode != .disable, !FileManager.default.isReadableFile(atPath: file) {
            throw LedgerError(.invalid_request, "sslrootcert=\(file) cannot be read; name a PEM file of the certificate authorities to trust")
        }
    }

    /// The URL without its password: for messages and logs.
    public var description: String {
        if let socketFolder { return "postgres://\(user)@\(host):\(port)/\(database)?host=\(socketFolder)" }
        return "postgres://\(user)@\(host):\(port)/\(database)" + (tlsMode == .prefer ? "" : "?sslmode=\(tlsMode.rawValue)")
    }

    /// What postgres-nio is asked to negotiate; refuses a root certificate
    /// file that is not PEM certificates.
    func tls() throws(LedgerError) -> PostgresConnection.Configuration.TLS {
        func client(_ verification: CertificateVerification) throws(LedgerError) -> NIOSSLContext {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = verification
            if let rootCertificateFile { configuration.trustRoots = .file(rootCertificateFile) }
            do { return try NIOSSLContext(configuration: configuration) } catch {
                throw LedgerError(.invalid_request, "sslrootcert=\(rootCertificateFile ?? "") is not a PEM file of certificates", cause: "\(error)")
            }
        }
        switch tlsMode {
        case .disable: return .disable
        case .prefer: return .prefer(try client(.none))
        case .require: return .require(try client(rootCertificateFile == nil ? .none : .noHostnameVerification))
        case .verifyCA: return .require(try client(.noHostnameVerification))
        case .verifyFull: return .require(try client(.fullVerification))
        }
    }

    func configuration() throws(LedgerError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketFolder {
            configuration = .init(unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: try tls())
        }
        // A server that does not answer within this is reported unreachable.
        configuration.options.connectTimeout = .seconds(Int64(PostgresLimits.connectSeconds))
        return configuration
    }
}

/// The PostgreSQL backend's limits (STYLE.md, convention 7).
public enum PostgresLimits {
    /// How long a connection attempt waits before the server is reported unreachable.
    public static let connectSeconds = 5
    /// Idle connections a store keeps for reads.
    public static let idleConnections = 4
    /// Entries fetched per round trip when reading a range of the chain.
    public static let entriesPerPage = 1_000
    /// How long a statement may run before the server cancels it (and the transaction rolls back).
    public static let statementTimeoutMilliseconds = 30_000
    /// How long past `statementTimeoutMilliseconds` the client waits for an answer before it closes the connection.
    public static let answerGraceMilliseconds = 5_000
    /// How long a writer waits for another process's turn at the head (`lock_timeout`).
    public static let lockTimeoutMilliseconds = 30_000
}
