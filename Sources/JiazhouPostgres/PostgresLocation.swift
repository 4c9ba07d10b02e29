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
/// TLS is not negotiated: use a Unix socket or loopback, or a tunnel.
public struct PostgresLocation: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// A Unix socket folder (libpq's `host=/dir`): the socket is `DIR/.s.PGSQL.PORT`.
    public var socketFolder: String?

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
        self.socketFolder = components.queryItems?.first(where: { $0.name == "host" })?.value
    }

    /// The URL without its password: for messages and logs.
    public var description: String {
        if let socketFolder { return "postgres://\(user)@\(host):\(port)/\(database)?host=\(socketFolder)" }
        return "postgres://\(user)@\(host):\(port)/\(database)"
    }

    var configuration: PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketFolder {
            configuration = .init(unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: .disable)
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
