import JiazhouCore
import JiazhouStorage
import Logging
import Synchronization

/// The one writer. Requests that arrive while a transaction is committing
/// wait and then commit together in the next one (group commit), so that
/// durability costs one fsync per group, not per request. Each request runs
/// in its own savepoint: a refused request leaves its group intact.
/// No request is answered before the transaction holding it is durable.
///
/// `enqueue` is synchronous, so requests commit in the order they were
/// enqueued: a transport that enqueues a stream's requests one after another
/// gets them applied in that order, while still sharing commits.
final class CommitQueue: Sendable {
    private struct State {
        var pending: [any PendingWrite] = []
        var draining = false
    }

    private let store: any LedgerStorage
    private let logger: Logger
    /// Signs the checkpoint of each committed group, inside its transaction.
    private let afterGroup: @Sendable (inout any LedgerWriting, Int64) throws -> Void
    private let state = Mutex(State())
    /// Told the size of each group once it is durable (the HTTP server's metrics).
    private let groupObserver = Mutex<(@Sendable (_ requests: Int) -> Void)?>(nil)

    /// Most requests committed in one transaction.
    static let maxGroup = 4096

    init(store: any LedgerStorage, logger: Logger, afterGroup: @escaping @Sendable (inout any LedgerWriting, _ sizeBefore: Int64) throws -> Void) {
        self.store = store
        self.logger = logger
        self.afterGroup = afterGroup
    }

    /// Puts `body` in the next commit group; the handle gives its result once durable.
    /// `alone`: in a transaction of its own, for bulk loads that write back
    /// part-way (``LedgerWriting/writeBack()``).
    func enqueue<T: Sendable>(alone: Bool = false, _ body: @escaping @Sendable (inout any LedgerWriting) throws -> T) -> Durable<T> {
        let handle = Durable<T>(alone: alone, body: body)
        let startDrain = state.withLock { state in
            state.pending.append(handle)
            defer { state.draining = true }
            return !state.draining
        }
        if startDrain { Task { await self.drain() } }
        return handle
    }

    func observeGroups(_ observer: @escaping @Sendable (_ requests: Int) -> Void) {
        groupObserver.withLock { $0 = observer }
    }

    private func drain() async {
        while true {
            let group: [any PendingWrite] = state.withLock { state in
                var size = 0
                for request in state.pending.prefix(Self.maxGroup) {
                    if request.alone {
                        if size == 0 { size = 1 }
                        break
                    }
                    size += 1
                }
                let group = Array(state.pending.prefix(size))
                state.pending.removeFirst(group.count)
                if group.isEmpty { state.draining = false }
                return group
            }
            if group.isEmpty { return }
            let afterGroup = self.afterGroup
            var failure: LedgerError?
            do {
                let size = try await store.write { writer in
                    let sizeBefore = writer.head.size
                    for request in group {
                        guard writer.transactionIsOpen else { break }
                        request.apply(&writer)
                    }
                    guard writer.transactionIsOpen else {
                        throw LedgerError(.storage_unavailable, "the storage aborted the transaction; nothing of it was written")
                    }
                    try afterGroup(&writer, sizeBefore)
                    return writer.head.size
                }
                logger.debug("commit", metadata: ["commit.group": "\(group.count)", "ledger.size": "\(size)"])
                groupObserver.withLock { $0 }?(group.count)
            } catch {
                // SQLite aborts the whole transaction on some failures (a full disk):
                // the commit then only says "aborted", the request that hit it says why.
                failure = group.lazy.compactMap(\.storageFailure).first ?? error
                logger.error("commit failed", metadata: ["commit.group": "\(group.count)", "error": "\(failure!)"])
            }
            for request in group { request.complete(commitFailure: failure) }
        }
    }
}

protocol PendingWrite: Sendable {
    /// Committed in a transaction of its own.
    var alone: Bool { get }
    func apply(_ writer: inout any LedgerWriting)
    func complete(commitFailure: LedgerError?)
    /// The storage failure this request ran into inside the transaction, if any.
    var storageFailure: LedgerError? { get }
}

/// A write waiting for its commit: `await handle.value` returns its result
/// once the transaction that holds it is durable, or its refusal.
public final class Durable<T: Sendable>: PendingWrite, Sendable {
    private struct State {
        /// Set inside the transaction; published only by `complete`.
        var provisional: Result<T, LedgerError>?
        var final: Result<T, LedgerError>?
        var waiters: [CheckedContinuation<Result<T, LedgerError>, Never>] = []
    }

    private let body: @Sendable (inout any LedgerWriting) throws -> T
    private let state = Mutex(State())
    let alone: Bool

    init(alone: Bool = false, body: @escaping @Sendable (inout any LedgerWriting) throws -> T) {
        self.alone = alone
        self.body = body
    }

    /// A handle that is already refused (validation failed before enqueueing).
    init(refused error: LedgerError) {
        alone = false
        body = { _ in throw error }
        state.withLock { $0.final = .failure(error) }
    }

    /// The result, once durable.
    public var value: T {
        get async throws(LedgerError) {
            let result: Result<T, LedgerError> = await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Result<T, LedgerError>? in
                    if let final = state.final { return final }
                    state.waiters.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
            return try result.get()
        }
    }

    func apply(_ writer: inout any LedgerWriting) {
        let result: Result<T, LedgerError>
        do {
            result = .success(try writer.attempt(body))
        } catch {
            result = .failure(StorageErrors.describe(error))
        }
        state.withLock { $0.provisional = result }
    }

    var storageFailure: LedgerError? {
        state.withLock { state in
            guard case .failure(let error)? = state.provisional, error.reason == .storage_unavailable else { return nil }
            return error
        }
    }

    func complete(commitFailure: LedgerError?) {
        let (result, waiters) = state.withLock { state in
            let result = commitFailure.map { .failure($0) } ?? state.provisional ?? .failure(LedgerError(.storage_unavailable, "the request was not run"))
            state.final = result
            defer { state.waiters = [] }
            return (result, state.waiters)
        }
        for waiter in waiters { waiter.resume(returning: result) }
    }
}
