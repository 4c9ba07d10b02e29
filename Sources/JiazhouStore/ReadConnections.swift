import Foundation
import GRDB

/// The store's read connections to a ledger file: up to `limit`, opened as
/// they are first needed and kept for reuse.
///
/// Not GRDB's reader pool: before every read it runs `PRAGMA
/// schema_version` outside the read's transaction, a second read
/// transaction (and its file locks, `fcntl` calls) around every
/// `account.get`; that and the pool's checkout were a third of one. Our
/// schema changes only by the migrations a store runs when it opens, and
/// SQLite re-prepares a statement whose schema has changed.
final class ReadConnections: @unchecked Sendable {
    private let path: String
    private let configuration: Configuration
    private let limit: Int
    /// Guards `idle` and `opened` (`@unchecked Sendable`: only under it).
    private let condition = NSCondition()
    private var idle: [DatabaseQueue] = []
    private var opened = 0

    /// GRDB's own default number of concurrent readers.
    static let defaultLimit = 5

    init(path: String, configuration: Configuration, limit: Int = defaultLimit) {
        self.path = path
        self.configuration = configuration
        self.limit = limit
    }

    /// Runs `body` on a connection no other thread is using, waiting for
    /// one when all `limit` are busy. A read inside a read of these
    /// connections, on the same thread, runs on the connection the outer
    /// one holds (so in its snapshot), as GRDB's reentrant read did: a
    /// second connection would see another snapshot, and with every
    /// connection held by an outer read it would wait forever.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let key = Self.heldKey
        if let held = pthread_getspecific(key).map({ Unmanaged<Held>.fromOpaque($0).takeUnretainedValue() }), held.owner === self {
            return try held.connection.unsafeReentrantRead(body)
        }
        let connection = try checkOut()
        defer { checkIn(connection) }
        let outer = pthread_getspecific(key)
        let held = Held(owner: self, connection: connection)
        pthread_setspecific(key, Unmanaged.passUnretained(held).toOpaque())
        defer {
            pthread_setspecific(key, outer)
            withExtendedLifetime(held) {}
        }
        return try connection.unsafeReentrantRead(body)
    }

    /// The connection the calling thread's read holds, and whose it is.
    private final class Held {
        let owner: ReadConnections
        let connection: DatabaseQueue
        init(owner: ReadConnections, connection: DatabaseQueue) {
            self.owner = owner
            self.connection = connection
        }
    }

    private static let heldKey: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left")
        return key
    }()

    private func checkOut() throws -> DatabaseQueue {
        condition.lock()
        while idle.isEmpty, opened >= limit { condition.wait() }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        opened += 1
        condition.unlock()
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            condition.lock()
            opened -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func checkIn(_ connection: DatabaseQueue) {
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }
}

/// Whether the calling thread is inside one of this process's write
/// transactions: a read made there must see what the write has done so
/// far, so it runs on the writer's connection, not on a read connection.
enum WritingThread {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left")
        return key
    }()

    static var isCurrent: Bool { pthread_getspecific(key) != nil }

    static func run<T>(_ body: () throws -> T) rethrows -> T {
        let outer = pthread_getspecific(key)
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(key, outer) }
        return try body()
    }
}
