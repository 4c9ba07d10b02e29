public import JiazhouCore
public import JiazhouStorage
import Dispatch
import PostgresNIO
public import Logging
import Synchronization

/// A ledger in a PostgreSQL database: the same tables, entries, bytes and
/// roots as on SQLite, written by any number of processes at once.
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://jiazhou@127.0.0.1:5432/ledger")
/// let store = try PostgresLedgerStore.open(location, suites: .builtIn)
/// let head = try store.read { try $0.head() }
/// ```
///
/// - Writes: one transaction each, which first takes the head lock
///   (`pg_advisory_xact_lock`, held to COMMIT), then re-reads the head: two
///   processes take turns and never fork the chain. `synchronous_commit = on`:
///   when a write returns, its COMMIT is in the server's WAL on disk.
/// - Reads: a `REPEATABLE READ READ ONLY` transaction, one snapshot; MVCC
///   means they never wait for the writer.
/// - The bridge (postgres-nio is asynchronous, the protocols synchronous):
///   each statement waits for its answer on the calling thread, which is
///   never one of the store's event loops; `write` runs its body on the
///   store's own writer thread, so no Swift concurrency thread is blocked by it.
public final class PostgresLedgerStore: LedgerStorage {
    public let location: PostgresLocation
    public let suite: HashSuite
    /// There is no file: `nil` (the key is a file named by `--key`).
    public var path: String? { nil }
    private let logger: Logger
    /// Idle connections, for the next read or write.
    private let idle = Mutex<[Connection]>([])
    /// The writer thread (a serial queue, never a Swift concurrency thread).
    private let writerQueue = DispatchQueue(label: "jiazhou.postgres.writer")

    private init(location: PostgresLocation, suite: HashSuite, logger: Logger, first: Connection) {
        self.location = location
        self.suite = suite
        self.logger = logger
        idle.withLock { $0.append(first) }
    }

    /// Makes an empty database (made with `createdb`) a new ledger hashed with
    /// `suite`; refuses a database that holds tables already.
    public static func create(_ location: PostgresLocation, suite: HashSuite, logger: Logger = Logger(label: "jiazhou.postgres")) throws(LedgerError) -> PostgresLedgerStore {
        try failing {
            let connection = try Connection.open(location, logger: logger)
            try checkServerVersion(connection)
            let tables = try decode { try connection.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()").first?.int64(0) ?? 0 }
            guard tables == 0 else {
                connection.close()
                throw LedgerError(
                    .ledger_invalid, "\(location.description) is not empty (\(tables) tables); choose another database, or create one with `createdb`")
            }
            try PostgresSchema.migrate(connection)
            try connection.execute("INSERT INTO meta (name, value) VALUES ('format', $1)", [.text(SchemaVersions.format)])
            return PostgresLedgerStore(location: location, suite: suite, logger: logger, first: connection)
        }
    }

    /// Opens an existing ledger; refuses a database that is not one. The hash
    /// suite is the one the genesis entry names, looked up in `suites`.
    public static func open(
        _ location: PostgresLocation, readonly: Bool = false, suites: SuiteCatalog = .builtIn, logger: Logger = Logger(label: "jiazhou.postgres")
    ) throws(LedgerError) -> PostgresLedgerStore {
        try failing {
            let connection = try Connection.open(location, logger: logger)
            do {
                try checkServerVersion(connection)
                try checkFormat(connection)
                if !readonly { try PostgresSchema.migrate(connection) }
                let suite = try genesisSuite(connection, suites: suites)
                return PostgresLedgerStore(location: location, suite: suite, logger: logger, first: connection)
            } catch {
                connection.close()
                throw error
            }
        }
    }

    /// The oldest server this backend is tested against.
    static let minimumServerVersion: Int64 = 130_000

    private static func checkServerVersion(_ connection: Connection) throws {
        let version = try decode { Int64(try connection.query("SHOW server_version_num").first?.text(0) ?? "") ?? 0 }
        guard version >= minimumServerVersion else {
            throw LedgerError(.storage_unavailable, "PostgreSQL at \(connection.location.description) is version \(version); jiazhou needs 13 or later")
        }
    }

    private static func checkFormat(_ connection: Connection) throws {
        let location = connection.location
        let hasMeta = try decode { try connection.query("SELECT to_regclass('meta') IS NOT NULL").first?.cells[0].decode(Bool.self, context: .default) ?? false }
        guard hasMeta else {
            throw LedgerError(.ledger_invalid, "\(location.description) is not a Jiazhou ledger (no meta table); create one with `jiazhou init --db \(location.description) --key FILE`")
        }
        let format = try decode { try connection.query("SELECT value FROM meta WHERE name = 'format'").first?.text(0) }
        guard format == SchemaVersions.format else {
            throw LedgerError(.ledger_invalid, "\(location.description) is not a Jiazhou ledger (format \(format ?? "missing"), expected \(SchemaVersions.format))")
        }
        let applied = try decode { try connection.query("SELECT version FROM schema_versions").map { try $0.text(0) } }
        if let unknown = applied.first(where: { !SchemaVersions.all.contains($0) }) {
            throw LedgerError(.ledger_invalid, "\(location.description) has the schema version \(unknown), which this build of jiazhou does not know: use a newer jiazhou")
        }
    }

    private static func genesisSuite(_ connection: Connection, suites: SuiteCatalog) throws -> HashSuite {
        let genesis = try decode { try connection.query("SELECT bytes FROM entries WHERE seq = 0").first?.bytes(0) }
        let recorded = try decode { try connection.query("SELECT value FROM meta WHERE name = 'suite'").first?.text(0) }
        let named = genesis.flatMap { try? JSONParser.parse($0) }?["data"]?["suite"]?.stringValue ?? recorded
        guard let named else { return .sha256Ed25519 }
        do { return try suites.suite(named: named) } catch {
            throw LedgerError(
                .ledger_invalid, "\(connection.location.description)'s genesis names the hash suite \"\(named)\", which this build of jiazhou cannot use: \(error.message)",
                cause: error.cause)
        }
    }

    // MARK: Connections

    /// Runs `body` on an idle connection (or a new one) and gives it back,
    /// unless it was lost. A connection that dies while idle (a server
    /// restart) is found lost at its first statement: `retrying` opens a fresh
    /// one once, so that the next request after a restart works.
    private func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        var reused = idle.withLock { $0.popLast() }
        while let connection = reused, connection.connection.isClosed { reused = idle.withLock { $0.popLast() } }
        let connection = try reused ?? Connection.open(location, logger: logger)
        let result: T
        do { result = try body(connection) } catch let failure as PostgresFailure where failure.connectionIsLost && reused != nil && failure.beforeWork {
            connection.close()
            let fresh = try Connection.open(location, logger: logger)
            defer { giveBack(fresh) }
            return try body(fresh)
        } catch {
            giveBack(connection)
            throw error
        }
        giveBack(connection)
        return result
    }

    private func giveBack(_ connection: Connection) {
        guard !connection.isLost, !connection.connection.isClosed else {
            connection.close()
            return
        }
        let kept = idle.withLock { idle -> Bool in
            guard idle.count < PostgresLimits.idleConnections else { return false }
            idle.append(connection)
            return true
        }
        if !kept { connection.close() }
    }

    // MARK: LedgerStorage

    public func read<T>(_ body: (any LedgerReading) throws -> T) throws(LedgerError) -> T {
        try Self.failing {
            try withConnection { connection in
                try connection.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                do {
                    let result = try body(PostgresReader(connection: connection, suite: suite))
                    try connection.execute("COMMIT", during: .reading)
                    return result
                } catch {
                    if !connection.isLost { _ = try? connection.execute("ROLLBACK") }
                    throw error
                }
            }
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (inout any LedgerWriting) throws -> T) async throws(LedgerError) -> T {
        let result: Result<T, LedgerError> = await withCheckedContinuation { continuation in
            writerQueue.async {
                do throws(LedgerError) { continuation.resume(returning: .success(try self.writeNow(body))) } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// One write transaction on the calling thread: BEGIN, the head lock, the head, `body`, COMMIT.
    public func writeNow<T>(_ body: (inout any LedgerWriting) throws -> T) throws(LedgerError) -> T {
        try Self.failing {
            try withConnection { connection in
                try connection.begin("BEGIN ISOLATION LEVEL READ COMMITTED")
                do {
                    // Our turn at the head: held until COMMIT or ROLLBACK, whoever else (another process) waits.
                    try connection.execute("SELECT pg_advisory_xact_lock($1)", [.int(PostgresSchema.headLock)])
                    let writer = try PostgresWriter(connection: connection, suite: suite)
                    var boxed: any LedgerWriting = writer
                    let result = try body(&boxed)
                    // The rows are shared by every copy of the writer: this writes back what the body changed.
                    try writer.flush()
                    try connection.execute("COMMIT", during: .committing)
                    return result
                } catch {
                    if !connection.isLost { _ = try? connection.execute("ROLLBACK") }
                    throw error
                }
            }
        }
    }

    /// PostgreSQL is backed up by PostgreSQL's own tools, not by jiazhou.
    public func backup(to path: String) throws(LedgerError) {
        throw LedgerError(
            .invalid_request,
            "a PostgreSQL ledger is backed up with PostgreSQL's tools: `pg_dump -Fc -d \(location.database) -f \(path)` takes a consistent copy while it serves (restore with `pg_restore`), or use the server's base backups and WAL archive; keep the key file separately")
    }

    static func failing<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        do { return try body() } catch { throw StorageErrors.describe(error) }
    }
}
