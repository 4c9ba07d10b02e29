import Foundation
import GRDB
import GRDBSQLite

/// Checkpoints a ledger file's write-ahead log on a thread of its own, so
/// that the writer's thread does not.
///
/// By default SQLite copies the WAL back into the database file on the
/// connection that commits, once the WAL passes 1,000 pages: the copy and the
/// database file's fsync then run between two commit groups, on the writer's
/// thread, while every till waits (35% of commit CPU on HTTP awards). Here a
/// commit past `Thresholds.background` pages only wakes this thread, which
/// runs a passive checkpoint on its own connection: it takes no lock that a
/// writer or a reader waits for.
///
/// The WAL stays bounded: while commits keep coming, a checkpoint beside
/// them never catches up with the last frame, so SQLite never starts the
/// log again from its beginning. Past `Thresholds.writer` pages the writer
/// therefore checkpoints itself, as SQLite would have (by then this thread
/// has copied most of it, so that is short). Durability does not depend on
/// any of this: a transaction is durable once its frames are in the WAL.
final class WALCheckpointer: @unchecked Sendable {
    struct Thresholds: Sendable {
        /// WAL pages past which a commit wakes the checkpointer: SQLite's own autocheckpoint default.
        var background: Int32 = 1_000
        /// WAL pages past which the committing writer checkpoints itself: 40 MiB of 4 KiB pages.
        var writer: Int32 = 10_000
        /// The least time between two background checkpoints: each one ends
        /// with an fsync of the database file, which the WAL's fsyncs share a disk with.
        var interval: TimeInterval = 0.1
    }

    /// How many checkpoints ran, and where.
    struct Counts: Sendable, Equatable {
        var background = 0
        var writer = 0
    }

    private enum State { case idle, running, stopping, stopped }

    let thresholds: Thresholds
    private let path: String
    /// Guards `state`, `requested` and `tally` (`@unchecked Sendable`: only under it).
    private let condition = NSCondition()
    private var state = State.idle
    private var requested = false
    private var tally = Counts()

    init(path: String, thresholds: Thresholds = Thresholds()) {
        self.path = path
        self.thresholds = thresholds
    }

    var counts: Counts {
        condition.lock()
        defer { condition.unlock() }
        return tally
    }

    /// Makes `db` (the writer's connection) report its commits here instead
    /// of checkpointing after them. The hook holds this object unretained:
    /// the configuration that installs it keeps it for the connection's life.
    func install(on db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, Self.hook, Unmanaged.passUnretained(self).toOpaque())
    }

    private static let hook: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = {
        context, connection, schema, frames in
        if let context {
            Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(frames: frames, connection: connection, schema: schema)
        }
        return SQLITE_OK
    }

    /// On the writer's thread, after a commit that left `frames` pages in the WAL.
    private func committed(frames: Int32, connection: OpaquePointer?, schema: UnsafePointer<CChar>?) {
        guard frames >= thresholds.background else { return }
        if frames < thresholds.writer, request() { return }
        // A failed checkpoint loses nothing (the WAL keeps every frame), as with SQLite's own.
        sqlite3_wal_checkpoint_v2(connection, schema, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        condition.lock()
        tally.writer += 1
        condition.unlock()
    }

    /// Wakes the thread (starting it the first time); `false` once stopped.
    private func request() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        switch state {
        case .idle:
            state = .running
            let thread = Thread { [self] in run() }
            thread.name = "jiazhou-wal-checkpoint"
            thread.start()
        case .running: break
        case .stopping, .stopped: return false
        }
        requested = true
        condition.broadcast()
        return true
    }

    private func run() {
        var connection: OpaquePointer?
        defer {
            sqlite3_close_v2(connection)
            condition.lock()
            state = .stopped
            condition.broadcast()
            condition.unlock()
        }
        // Without a connection of its own, the thread stops, and the writer checkpoints as before.
        // A connection learns that the file is in WAL mode from its first read; until then it checkpoints nothing.
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK,
            sqlite3_busy_timeout(connection, 5_000) == SQLITE_OK,
            sqlite3_exec(connection, "SELECT 1 FROM sqlite_schema LIMIT 1", nil, nil, nil) == SQLITE_OK
        else { return }
        condition.lock()
        while true {
            while !requested, state == .running { condition.wait() }
            guard state == .running else { break }
            requested = false
            condition.unlock()
            sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            condition.lock()
            tally.background += 1
            let next = Date(timeIntervalSinceNow: thresholds.interval)
            while state == .running, condition.wait(until: next) {}
        }
        condition.unlock()
    }

    /// Stops the thread, waiting for a checkpoint it is running to end; later commits checkpoint on the writer.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        switch state {
        case .idle: state = .stopped
        case .running:
            state = .stopping
            condition.broadcast()
            while state == .stopping { condition.wait() }
        case .stopping, .stopped: break
        }
    }
}
