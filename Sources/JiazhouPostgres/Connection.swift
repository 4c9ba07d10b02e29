import JiazhouCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One PostgreSQL connection used synchronously: each statement is sent on
/// the connection's event loop and the calling thread waits for its rows.
///
/// The storage protocols are synchronous (SQLite's calls are), postgres-nio
/// is asynchronous: this is the bridge. The caller must not be an event-loop
/// thread of this store's group (NIO's `wait()` traps if it is); the store
/// runs writes on its own writer thread, and reads on the caller's thread,
/// which in the server is a Swift task's, never an event loop's.
///
/// Not Sendable in spirit: one thread uses it at a time (the store hands it
/// out from its pool and takes it back).
final class Connection: @unchecked Sendable {
    // @unchecked: used by one thread at a time, handed over through the store's Mutex-guarded pool.
    let connection: PostgresConnection
    let location: PostgresLocation
    private let logger: Logger
    /// Set when a statement failed in a way that leaves the connection unusable.
    private(set) var isLost = false

    /// The store's event loops: one thread, for the sockets only (no work of ours runs on it).
    static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    private init(connection: PostgresConnection, location: PostgresLocation, logger: Logger) {
        self.connection = connection
        self.location = location
        self.logger = logger
    }

    /// Connects, and sets what every transaction of ours relies on:
    /// `synchronous_commit = on` (acknowledged = durable), UTC, the statement and lock limits.
    static func open(_ location: PostgresLocation, logger: Logger) throws(PostgresFailure) -> Connection {
        let configuration: PostgresConnection.Configuration
        do { configuration = try location.configuration() } catch { throw PostgresFailure(error) }
        let future = PostgresConnection.connect(on: eventLoops.next(), configuration: configuration, id: Int.random(in: 0..<Int.max), logger: logger)
        let connection: PostgresConnection
        do { connection = try future.wait() } catch { throw PostgresFailure(error, location: location, during: .connecting) }
        let opened = Connection(connection: connection, location: location, logger: logger)
        do {
            try opened.execute("SET synchronous_commit = on")
            try opened.execute("SET statement_timeout = \(PostgresLimits.statementTimeoutMilliseconds)")
            try opened.execute("SET lock_timeout = \(PostgresLimits.lockTimeoutMilliseconds)")
            try opened.execute("SET client_min_messages = warning")
        } catch {
            opened.close()
            throw error
        }
        return opened
    }

    /// postgres-nio requires a connection closed before it is released.
    deinit {
        if !connection.isClosed { _ = try? connection.close().wait() }
    }

    func close() {
        isLost = true
        _ = try? connection.close().wait()
    }

    /// Runs `start` (a statement) on the connection's event loop and waits
    /// for its answer, at most the server's statement timeout and a grace: a
    /// connection the server terminated while idle can leave a statement
    /// unanswered (seen with `pg_terminate_backend`), and a write must not wait
    /// for it forever. Past the deadline the connection is closed, which fails the statement.
    ///
    /// One hop onto the loop for the whole: the deadline is set, the
    /// statement sent and the deadline cancelled there, rather than each
    /// from this thread. (Measured against three hops: no difference; the
    /// round trip's cost is postgres-nio's own work, not the wake-ups.)
    private func answer<T: Sendable>(_ start: @escaping @Sendable (PostgresConnection) -> EventLoopFuture<T>) throws -> T {
        guard !connection.isClosed else { throw ConnectionClosed() }
        let connection = self.connection
        let loop = connection.eventLoop
        let timeout = TimeAmount.milliseconds(Int64(PostgresLimits.statementTimeoutMilliseconds + PostgresLimits.answerGraceMilliseconds))
        return try loop.flatSubmit {
            let deadline = loop.scheduleTask(in: timeout) {
                let _: EventLoopFuture<Void> = connection.close()
            }
            let answered = start(connection)
            answered.whenComplete { _ in deadline.cancel() }
            return answered
        }.wait()
    }

    /// BEGIN: the first statement on a connection that may have died while idle.
    func begin(_ sql: String) throws(PostgresFailure) {
        do { try execute(sql, during: .reading) } catch { throw error.beforeWorkStarted() }
    }

    /// Runs one statement and returns all its rows.
    @discardableResult
    func query(_ sql: String, _ values: [Value] = [], during phase: PostgresFailure.Phase = .reading) throws(PostgresFailure) -> [Row] {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { value.bind(into: &binds) }
        do {
            let query = PostgresQuery(unsafeSQL: sql, binds: binds)
            let logger = logger
            let result = try answer { $0.query(query, logger: logger) }
            return result.rows.map { Row(cells: $0.makeRandomAccess()) }
        } catch {
            let failure = PostgresFailure(error, location: location, during: phase)
            if failure.connectionIsLost || connection.isClosed { isLost = true }
            throw failure
        }
    }

    /// Runs one statement for its effect; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ values: [Value] = [], during phase: PostgresFailure.Phase = .writing) throws(PostgresFailure) -> Int {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { value.bind(into: &binds) }
        do {
            let query = PostgresQuery(unsafeSQL: sql, binds: binds)
            let logger = logger
            let result = try answer { $0.query(query, logger: logger) }
            return result.metadata.rows ?? 0
        } catch {
            let failure = PostgresFailure(error, location: location, during: phase)
            if failure.connectionIsLost || connection.isClosed { isLost = true }
            throw failure
        }
    }
}

/// The connection was closed before the statement could be sent (a lost connection: the store drops it).
struct ConnectionClosed: Error, CustomStringConvertible {
    var description: String { "the connection to PostgreSQL is closed" }
}

/// A statement's parameter.
enum Value {
    case int(Int64?)
    case text(String?)
    case bytes([UInt8]?)

    func bind(into binds: inout PostgresBindings) {
        switch self {
        case .int(let value): binds.append(value)
        case .text(let value): binds.append(value)
        case .bytes(let value): binds.append(value.map { ByteBuffer(bytes: $0) })
        }
    }
}

/// One result row, read by column position.
struct Row {
    let cells: PostgresRandomAccessRow

    func int64(_ index: Int) throws -> Int64 { try cells[index].decode(Int64.self, context: .default) }
    func optionalInt64(_ index: Int) throws -> Int64? { try cells[index].decode(Int64?.self, context: .default) }
    func text(_ index: Int) throws -> String { try cells[index].decode(String.self, context: .default) }
    func optionalText(_ index: Int) throws -> String? { try cells[index].decode(String?.self, context: .default) }
    func bytes(_ index: Int) throws -> [UInt8] { Array(try cells[index].decode(ByteBuffer.self, context: .default).readableBytesView) }
    func hash(_ index: Int, what: String) throws -> Hash {
        guard let hash = Hash(bytes: try bytes(index)) else { throw LedgerError(.ledger_invalid, "\(what) is not 32 bytes") }
        return hash
    }
}
