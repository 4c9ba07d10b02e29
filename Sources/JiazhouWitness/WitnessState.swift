public import JiazhouCore
import GRDB
import Foundation

/// A witness's memory: for each log origin, the size and root of the latest
/// checkpoint it cosigned (c2sp.org/tlog-witness asks for no more). One
/// SQLite file, `synchronous = FULL`, every check-and-update one
/// transaction on one connection, so requests are serialized and an answered
/// cosignature is durable.
///
/// A trigger makes SQLite itself refuse to roll a log back or to change the
/// root of a size already cosigned: a bug in the checks above it cannot make
/// the witness cosign two histories, before a restart or after.
public final class WitnessState: Sendable {
    /// What the witness last cosigned for one origin.
    public struct Record: Sendable, Equatable {
        public var size: Int64
        public var root: Hash

        public init(size: Int64, root: Hash) {
            self.size = size
            self.root = root
        }
    }

    let queue: DatabaseQueue
    public let path: String

    /// Opens (creating if need be) the state file at `path`.
    public init(path: String) throws(LedgerError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // FULL: a commit is on disk before it returns, so is every answered cosignature.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch {
            throw LedgerError(.storage_unavailable, "cannot open the witness state \(path)", cause: "\(error)")
        }
        self.path = path
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-witness") { db in
            try db.execute(sql: """
                CREATE TABLE logs (
                    origin TEXT PRIMARY KEY NOT NULL CHECK (length(origin) BETWEEN 1 AND 1000),
                    size INTEGER NOT NULL CHECK (size >= 0),
                    root BLOB NOT NULL CHECK (length(root) = 32),
                    -- Seconds since 1970 of the cosignature that set this row.
                    updated INTEGER NOT NULL
                ) WITHOUT ROWID;
                -- The witness key this state belongs to (`key`): its memory is of what that key cosigned.
                CREATE TABLE meta (
                    name TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TRIGGER logs_only_grow BEFORE UPDATE ON logs
                WHEN NEW.size < OLD.size OR (NEW.size = OLD.size AND NEW.root != OLD.root)
                BEGIN
                    SELECT RAISE(ABORT, 'a witness never rolls a log back nor cosigns another root for a size it cosigned');
                END;
                """)
        }
        return migrator
    }

    /// Ties the state to the witness key `verifierKey` on first use; refuses
    /// another key later. Returns whether the state was new (remembers nothing).
    @discardableResult
    public func bind(verifierKey: String) throws(LedgerError) -> Bool {
        let found: String?
        do {
            found = try queue.write { db -> String? in
                if let key = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'key'") { return key }
                try db.execute(sql: "INSERT INTO meta (name, value) VALUES ('key', ?)", arguments: [verifierKey])
                return nil
            }
        } catch {
            throw LedgerError(.storage_unavailable, "cannot read the witness state \(path)", cause: "\(error)")
        }
        guard let found else { return true }
        guard found == verifierKey else {
            throw LedgerError(.invalid_request, "the state file \(path) belongs to the witness key \(found), not \(verifierKey)")
        }
        return false
    }

    /// The latest cosigned checkpoint of `origin`, if any.
    public func record(origin: String) throws(LedgerError) -> Record? {
        do { return try queue.read { db in try Self.record(origin: origin, db) } } catch {
            throw LedgerError(.storage_unavailable, "cannot read the witness state", cause: "\(error)")
        }
    }

    /// Runs `decide` on `origin`'s record in one write transaction; when it
    /// returns a new record, that is stored before the transaction commits.
    /// What `decide` returns besides is handed back after the commit.
    func update<T: Sendable>(
        origin: String, time: UInt64, _ decide: @escaping @Sendable (Record?) -> (store: Record?, result: T)
    ) async throws(LedgerError) -> T {
        do {
            return try await queue.write { db in
                let (store, result) = decide(try Self.record(origin: origin, db))
                if let store {
                    try db.execute(
                        sql: """
                            INSERT INTO logs (origin, size, root, updated) VALUES (?, ?, ?, ?)
                            ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, updated = excluded.updated
                            """, arguments: [origin, store.size, Data(store.root.bytes), Int64(clamping: time)])
                }
                return result
            }
        } catch {
            throw LedgerError(.storage_unavailable, "cannot update the witness state", cause: "\(error)")
        }
    }

    /// Stores `record` for `origin` unconditionally but for the schema's
    /// trigger (a smaller size, or another root at the same size, is refused):
    /// for tests of that last line of defence.
    public func store(origin: String, record: Record, time: UInt64) async throws(LedgerError) {
        try await update(origin: origin, time: time) { _ in (record, ()) }
    }

    private static func record(origin: String, _ db: Database) throws -> Record? {
        guard let row = try Row.fetchOne(db, sql: "SELECT size, root FROM logs WHERE origin = ?", arguments: [origin]) else { return nil }
        guard let root = Hash(bytes: [UInt8](row["root"] as Data)) else { throw LedgerError(.ledger_invalid, "a stored root is not 32 bytes") }
        return Record(size: row["size"], root: root)
    }
}
