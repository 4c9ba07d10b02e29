import JiazhouCore
import JiazhouStore

/// The one writer. Requests that arrive while a transaction is committing
/// wait and then commit together in the next one (group commit), so that
/// durability costs one fsync per group, not per request. Each request runs
/// in its own savepoint: a refused request leaves its group intact.
/// No request is answered before the transaction holding it is durable.
actor CommitQueue {
    private let store: LedgerStore
    /// Signs the checkpoint of each committed group, inside its transaction.
    private let afterGroup: @Sendable (inout StoreWriter, Int64) throws -> Void
    private var pending: [any PendingWrite] = []
    private var draining = false

    /// Most requests committed in one transaction.
    static let maxGroup = 4096

    init(store: LedgerStore, afterGroup: @escaping @Sendable (inout StoreWriter, _ sizeBefore: Int64) throws -> Void) {
        self.store = store
        self.afterGroup = afterGroup
    }

    /// Runs `body` in the next commit group; returns once it is durable.
    func submit<T: Sendable>(_ body: @escaping @Sendable (inout StoreWriter) throws -> T) async throws(LedgerError) -> T {
        let result: Result<T, LedgerError> = await withCheckedContinuation { continuation in
            pending.append(Pending(body: body, continuation: continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
        return try result.get()
    }

    private func drain() async {
        while !pending.isEmpty {
            let group = Array(pending.prefix(Self.maxGroup))
            pending.removeFirst(group.count)
            let afterGroup = self.afterGroup
            var failure: LedgerError?
            do {
                try await store.write { writer in
                    let sizeBefore = writer.head.size
                    for request in group { request.apply(&writer) }
                    try afterGroup(&writer, sizeBefore)
                }
            } catch {
                failure = error
            }
            for request in group { request.complete(commitFailure: failure) }
        }
        draining = false
    }
}

protocol PendingWrite: Sendable {
    func apply(_ writer: inout StoreWriter)
    func complete(commitFailure: LedgerError?)
}

/// One request waiting in a group. `@unchecked Sendable` because its result
/// is written once on the database's writer thread inside the transaction and
/// read once after the transaction returns; the two never overlap.
private final class Pending<T: Sendable>: PendingWrite, @unchecked Sendable {
    let body: @Sendable (inout StoreWriter) throws -> T
    let continuation: CheckedContinuation<Result<T, LedgerError>, Never>
    var result: Result<T, LedgerError>?

    init(body: @escaping @Sendable (inout StoreWriter) throws -> T, continuation: CheckedContinuation<Result<T, LedgerError>, Never>) {
        self.body = body
        self.continuation = continuation
    }

    func apply(_ writer: inout StoreWriter) {
        do {
            result = .success(try writer.attempt(body))
        } catch let error as LedgerError {
            result = .failure(error)
        } catch {
            result = .failure(LedgerStore.describe(error))
        }
    }

    func complete(commitFailure: LedgerError?) {
        if let commitFailure {
            continuation.resume(returning: .failure(commitFailure))
        } else {
            continuation.resume(returning: result ?? .failure(LedgerError(.storage_unavailable, "the request was not run")))
        }
    }
}
