public import JiazhouCore
@_exported public import JiazhouStorage
import GRDB
import Foundation

/// The ledger's SQLite file: one writer, many readers, every invariant kept
/// inside the transaction that changes it.
///
/// Opened in WAL mode with `synchronous = FULL`: when a write returns, its
/// transaction is on disk (acknowledged means durable). The WAL is copied
/// back into the file on a thread of its own (``WALCheckpointer``).
///
/// ```swift
/// let store = try LedgerStore.open(path: "jiazhou.sqlite", suites: catalog)
/// let head = try store.read { try $0.head() }
/// ```
///
/// A store hashes with one ``HashSuite``, its ledger's: given when the
/// ledger is created, read from the genesis entry when it is opened.
public final class LedgerStore: LedgerStorage {
    /// GRDB's writer: a `DatabasePool` on a file, a `DatabaseQueue` in memory.
    let database: any DatabaseWriter
    /// The connections reads use, for a file (in memory, the one queue).
    private let readers: ReadConnections?
    /// The path, or `nil` in memory.
    public let path: String?
    /// The ledger's hash suite: every leaf hash, node hash and root of this store is its.
    public let suite: HashSuite
    /// Copies the WAL into the file off the writer's thread; `nil` read-only or in memory.
    let checkpointer: WALCheckpointer?

    private init(
        database: any DatabaseWriter, path: String?, suite: HashSuite, lockWaitSeconds: Double = Limits.lockWaitSeconds, checkpointer: WALCheckpointer? = nil
    ) {
        self.database = database
        self.path = path
        self.suite = suite
        self.checkpointer = checkpointer
        self.readers = path.map { ReadConnections(path: $0, configuration: Self.configuration(readonly: true, lockWaitSeconds: lockWaitSeconds)) }
    }

    deinit { checkpointer?.stop() }

    static func configuration(
        readonly: Bool, maxPages: Int? = nil, lockWaitSeconds: Double = Limits.lockWaitSeconds, checkpointer: WALCheckpointer? = nil
    ) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        // A writer waits this long for another process's transaction (a long
        // sheet import) before it is refused `storage_unavailable`.
        config.busyMode = .timeout(lockWaitSeconds)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // 64 MiB of page cache a connection (SQLite's default is 2 MiB):
            // every award reads its volunteer's and issuer's rows, usage and
            // the Merkle frontier, and a cold page costs a system call.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            if let maxPages { try db.execute(sql: "PRAGMA max_page_count = \(maxPages)") }
            if let checkpointer, !db.configuration.readonly { checkpointer.install(on: db) }
        }
        return config
    }

    /// Creates a new, empty ledger database at `path` that hashes with
    /// `suite`; refuses an existing file.
    public static func create(path: String, suite: HashSuite) throws(LedgerError) -> LedgerStore {
        try create(path: path, suite: suite, checkpoints: WALCheckpointer.Thresholds())
    }

    static func create(path: String, suite: HashSuite, checkpoints: WALCheckpointer.Thresholds) throws(LedgerError) -> LedgerStore {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw LedgerError(.ledger_invalid, "\(path) already exists; choose another --db or remove it")
        }
        return try storageCall {
            let checkpointer = WALCheckpointer(path: path, thresholds: checkpoints)
            let pool = try DatabasePool(path: path, configuration: configuration(readonly: false, checkpointer: checkpointer))
            try Schema.migrator.migrate(pool)
            try pool.write { db in try db.execute(sql: "INSERT INTO meta (name, value) VALUES ('format', ?)", arguments: [Schema.format]) }
            return LedgerStore(database: pool, path: path, suite: suite, checkpointer: checkpointer)
        }
    }

    /// Opens an existing ledger; refuses a file that is missing or not ours.
    /// `maxPages` caps the database's size (SQLite pages, 4 KiB each): past it
    /// a write fails as a full disk would, whole, and nothing is lost.
    ///
    /// The hash suite is the one the genesis entry names, looked up in
    /// `suites`; a suite that is not there is refused, saying which it is.
    /// (The default, Core's ``SuiteCatalog/builtIn``, knows `sha256-ed25519`
    /// only; the service passes every suite the build knows.)
    /// `lockWaitSeconds`: how long a write waits for another process's
    /// write transaction before it is refused (``Limits/lockWaitSeconds``).
    public static func open(
        path: String, readonly: Bool = false, maxPages: Int? = nil, lockWaitSeconds: Double = Limits.lockWaitSeconds, suites: SuiteCatalog = .builtIn
    ) throws(LedgerError) -> LedgerStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LedgerError(.ledger_invalid, "no ledger at \(path); create one with `jiazhou init --db \(path)`")
        }
        let database: DatabasePool
        let checkpointer = readonly ? nil : WALCheckpointer(path: path)
        do {
            database = try storageCall {
                try DatabasePool(path: path, configuration: configuration(readonly: readonly, maxPages: maxPages, lockWaitSeconds: lockWaitSeconds, checkpointer: checkpointer))
            }
        } catch {
            // In WAL mode even a reader needs PATH-wal and PATH-shm beside the file.
            let folder = (path as NSString).deletingLastPathComponent
            if readonly, !FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder) {
                throw LedgerError(
                    .storage_unavailable,
                    "\(path) cannot be opened: its folder is read-only, and SQLite must create \(path)-wal and -shm beside it even to read; copy the ledger to a writable folder (or make this one writable)",
                    cause: error.cause ?? error.message)
            }
            throw error
        }
        try checkFormat(database, path: path)
        let suite = try genesisSuite(database, path: path, suites: suites)
        let store = LedgerStore(database: database, path: path, suite: suite, lockWaitSeconds: lockWaitSeconds, checkpointer: checkpointer)
        if !readonly { try store.migrate() }
        return store
    }

    /// The suite named by entry 0's `data.suite` (else by the copy in
    /// `meta`, for a genesis that cannot be read: `verify` then says what is
    /// wrong with it). A ledger with no entries yet has the default suite.
    private static func genesisSuite(_ database: any DatabaseWriter, path: String, suites: SuiteCatalog) throws(LedgerError) -> HashSuite {
        let (genesis, recorded) = try storageCall {
            try database.read { db in
                (try Data.fetchOne(db, sql: "SELECT bytes FROM entries WHERE seq = 0"), try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'suite'"))
            }
        }
        let named = genesis.flatMap { try? JSONParser.parse([UInt8]($0)) }?["data"]?["suite"]?.stringValue ?? recorded
        guard let named else { return .sha256Ed25519 }
        do { return try suites.suite(named: named) } catch {
            throw LedgerError(
                .ledger_invalid,
                "\(path)'s genesis entry names the hash suite \"\(named)\", which this build of jiazhou cannot use: \(error.message)",
                cause: error.cause)
        }
    }

    /// Applies the migrations that a ledger made by an earlier version lacks
    /// (tables that later versions added, such as `tokens`); writes nothing
    /// when there are none, so that an unchanged ledger opens as before.
    private func migrate() throws(LedgerError) {
        try Self.storageCall {
            let migrator = Schema.migrator
            guard try !database.read(migrator.hasCompletedMigrations) else { return }
            try migrator.migrate(database)
        }
    }

    /// A new ledger in memory that hashes with `suite`, for tests: the same
    /// schema and code paths as a file.
    public static func inMemory(suite: HashSuite) throws(LedgerError) -> LedgerStore {
        try storageCall {
            let queue = try DatabaseQueue(configuration: configuration(readonly: false))
            try Schema.migrator.migrate(queue)
            try queue.write { db in try db.execute(sql: "INSERT INTO meta (name, value) VALUES ('format', ?)", arguments: [Schema.format]) }
            return LedgerStore(database: queue, path: nil, suite: suite)
        }
    }

    private static func checkFormat(_ database: any DatabaseWriter, path: String?) throws(LedgerError) {
        let format: String?
        do {
            format = try database.read { db -> String? in
                guard try db.tableExists("meta") else { return nil }
                return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'format'")
            }
        } catch {
            throw LedgerError(.ledger_invalid, "\(path ?? "database") is not a Jiazhou ledger", cause: "\(error)")
        }
        guard format == Schema.format else {
            throw LedgerError(.ledger_invalid, "\(path ?? "database") is not a Jiazhou ledger (format \(format ?? "missing"), expected \(Schema.format))")
        }
    }

    /// Runs `body` on a consistent snapshot: one read transaction, begun and
    /// ended through cached statements. (GRDB's `read` also sets and resets
    /// `query_only` and wraps a savepoint: four statements around every
    /// read, a third of an `account.get`. Our readers only read.)
    public func read<T>(_ body: (any LedgerReading) throws -> T) throws(LedgerError) -> T {
        try Self.storageCall {
            try connection { db in
                guard !db.isInsideTransaction else { return try body(StoreReader(db: db, suite: suite)) }
                var begin = try DirectStatement(db, sql: "BEGIN DEFERRED TRANSACTION")
                try begin.execute()
                defer {
                    if db.isInsideTransaction {
                        do {
                            var commit = try DirectStatement(db, sql: "COMMIT")
                            try commit.execute()
                        } catch {
                            // A read transaction left open would pin an old snapshot.
                            try? db.execute(sql: "ROLLBACK")
                        }
                    }
                }
                return try body(StoreReader(db: db, suite: suite))
            }
        }
    }

    /// A read connection, or the writer's own inside a write (whose
    /// reads must see what it has written so far).
    private func connection<T>(_ body: (Database) throws -> T) throws -> T {
        if let readers, !WritingThread.isCurrent { return try readers.read(body) }
        return try database.unsafeReentrantRead(body)
    }

    /// Runs `body` in one write transaction: everything it does commits
    /// together, durably, or not at all.
    public func write<T: Sendable>(_ body: @escaping @Sendable (inout any LedgerWriting) throws -> T) async throws(LedgerError) -> T {
        do {
            return try await database.write { db in try self.transaction(db, body) }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw Self.storageError(error)
        }
    }

    /// The same, blocking the calling thread; for the CLI's one-shot commands.
    public func writeNow<T>(_ body: (inout any LedgerWriting) throws -> T) throws(LedgerError) -> T {
        try Self.storageCall {
            try database.write { db in try transaction(db, body) }
        }
    }

    /// `body` on the writer's connection, inside the transaction GRDB has
    /// begun; reads on this thread meanwhile see what it writes.
    private func transaction<T>(_ db: Database, _ body: (inout any LedgerWriting) throws -> T) throws -> T {
        try WritingThread.run {
            let writer = try StoreWriter(db: db, suite: suite)
            var boxed: any LedgerWriting = writer
            let result = try body(&boxed)
            // The cache is shared by every copy of the writer: this flushes what the body wrote.
            try writer.flush()
            return result
        }
    }

    static func storageCall<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        do { return try body() } catch let error as LedgerError { throw error } catch { throw storageError(error) }
    }


    /// Maps SQLite's failures to a reason and a message that says what to do.
    static func storageError(_ error: any Error) -> LedgerError {
        guard let db = error as? DatabaseError else {
            return LedgerError(.storage_unavailable, "storage failed", cause: "\(error)")
        }
        switch db.resultCode {
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            return LedgerError(.storage_unavailable, "the ledger file cannot be written (read-only or no permission); nothing was written", cause: db.message)
        case .SQLITE_FULL:
            return LedgerError(.storage_unavailable, "the disk is full (or the database reached its size limit); nothing was written", cause: db.message)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return LedgerError(.ledger_invalid, "the file is not a SQLite database or is damaged", cause: db.message)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return LedgerError(.storage_unavailable, "the ledger is locked by another writer; try again", cause: db.message)
        case .SQLITE_CONSTRAINT:
            return LedgerError(.storage_unavailable, "a database constraint refused the write; nothing was written (this is a bug: please report it)", cause: db.message)
        default:
            return LedgerError(.storage_unavailable, "storage failed; nothing was written", cause: "\(db)")
        }
    }
}

extension DatabaseError: StorageFailure {
    /// What SQLite's failure means for the person: see ``LedgerStore/storageError(_:)``.
    var ledgerError: LedgerError { LedgerStore.storageError(self) }
}
