public import JiazhouCore

/// Where a ledger lives: the seam between the service and a database.
/// ``LedgerService`` holds one and is the only code that touches it;
/// transports and commands go through the service.
///
/// SQLite (JiazhouStore's `LedgerStore`) is the embedded default.
public protocol LedgerStorage: Sendable {
    /// The database file, if there is one (an in-memory ledger has none).
    var path: String? { get }
    var suite: HashSuite { get }
    /// Runs `body` on one consistent snapshot.
    func read<T>(_ body: (any LedgerReading) throws -> T) throws(LedgerError) -> T
    /// Runs `body` in one write transaction: everything it does commits
    /// together, durably (acknowledged = committed), or not at all.
    func write<T: Sendable>(_ body: @escaping @Sendable (inout any LedgerWriting) throws -> T) async throws(LedgerError) -> T
    /// The same, blocking the calling thread (one-shot commands).
    func writeNow<T>(_ body: (inout any LedgerWriting) throws -> T) throws(LedgerError) -> T
    /// A consistent copy of the whole ledger at `path`, taken while it serves.
    func backup(to path: String) throws(LedgerError)
}

/// A backend's own failure that knows what to tell the person: SQLite's
/// `DatabaseError` conforms in JiazhouStore.
public protocol StorageFailure: Error {
    var ledgerError: LedgerError { get }
}

public enum StorageErrors {
    /// Any error as a ledger error: itself if it is one, a backend's failure
    /// as the backend describes it, anything else as storage that failed.
    public static func describe(_ error: any Error) -> LedgerError {
        if let error = error as? LedgerError { return error }
        if let failure = error as? any StorageFailure { return failure.ledgerError }
        return LedgerError(.storage_unavailable, "storage failed", cause: "\(error)")
    }
}
