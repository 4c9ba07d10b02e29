import Foundation
import GRDB
import JiazhouCore
@testable import JiazhouStore
import JiazhouStorage
import Testing

/// Reads of a ledger file run on the store's own read connections
/// (`ReadConnections`), not GRDB's reader pool: what a caller relies on of
/// them — a read inside a write sees that write, no more readers than the
/// limit at once and the rest wait rather than fail, a schema changed by
/// another connection does not break them.
@Suite struct ReadConnectionsTests {
    private func newStore() throws -> (LedgerStore, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-readers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/ledger.sqlite"
        return (try LedgerStore.create(path: path, suite: .sha256Ed25519), path)
    }

    @Test func aReadInsideAWriteSeesWhatTheWriteHasDoneSoFar() throws {
        let (store, _) = try newStore()
        let seen = try store.writeNow { writer in
            try writer.setMeta("note", "written, not yet committed")
            return try store.read { try $0.meta("note") }
        }
        #expect(seen == "written, not yet committed")
        // And once committed, every read connection sees it.
        #expect(try store.read { try $0.meta("note") } == "written, not yet committed")
    }

    /// The write runs on a thread of its own, not in a task: a task could
    /// wait for a cooperative thread that this test and others hold.
    @Test func aReadOutsideAWriteSeesOnlyWhatIsCommitted() throws {
        let (store, _) = try newStore()
        let entered = DispatchSemaphore(value: 0), resume = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let failures = Failures()
        Thread.detachNewThread {
            do {
                try store.writeNow { writer in
                    try writer.setMeta("note", "pending")
                    entered.signal()
                    _ = resume.wait(timeout: .now() + 10)
                }
            } catch { failures.add("\(error)") }
            finished.signal()
        }
        #expect(entered.wait(timeout: .now() + 10) == .success)
        #expect(try store.read { try $0.meta("note") } == nil, "another thread's open write is not visible")
        resume.signal()
        #expect(finished.wait(timeout: .now() + 10) == .success)
        #expect(failures.all.isEmpty)
        #expect(try store.read { try $0.meta("note") } == "pending")
    }

    @Test func readsBeyondTheLimitWaitForAConnectionAndThenRun() throws {
        let (store, _) = try newStore()
        let limit = ReadConnections.defaultLimit
        let inside = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let failures = Failures()
        for _ in 0..<(limit + 1) {
            Thread.detachNewThread {
                do {
                    try store.read { reader in
                        _ = try reader.size()
                        inside.signal()
                        _ = release.wait(timeout: .now() + 20)
                    }
                } catch { failures.add("\(error)") }
                finished.signal()
            }
        }
        for _ in 0..<limit { #expect(inside.wait(timeout: .now() + 10) == .success) }
        #expect(inside.wait(timeout: .now() + 0.3) == .timedOut, "no more than \(limit) reads at once")
        release.signal()
        #expect(inside.wait(timeout: .now() + 10) == .success, "the waiting read runs once a connection is free")
        for _ in 0..<limit { release.signal() }
        for _ in 0..<(limit + 1) { #expect(finished.wait(timeout: .now() + 10) == .success) }
        #expect(failures.all.isEmpty)
    }

    /// A read inside a read runs in the outer read's snapshot, on its
    /// connection: with every connection held by an outer read, nested
    /// reads would otherwise wait for ever.
    @Test func aReadInsideAReadRunsInTheOuterReadsSnapshot() throws {
        let (store, _) = try newStore()
        let limit = ReadConnections.defaultLimit
        let inside = DispatchSemaphore(value: 0), proceed = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let results = Failures()
        for _ in 0..<limit {
            Thread.detachNewThread {
                do {
                    let seen = try store.read { outer -> String? in
                        let before = try outer.meta("note")
                        inside.signal()
                        _ = proceed.wait(timeout: .now() + 10)
                        // Committed by now, but not in this read's snapshot.
                        let nested = try store.read { try $0.meta("note") }
                        return "\(before ?? "nil")/\(nested ?? "nil")"
                    }
                    results.add(seen ?? "none")
                } catch { results.add("\(error)") }
                finished.signal()
            }
        }
        for _ in 0..<limit { #expect(inside.wait(timeout: .now() + 10) == .success) }
        try store.writeNow { try $0.setMeta("note", "after") }
        for _ in 0..<limit { proceed.signal() }
        for _ in 0..<limit { #expect(finished.wait(timeout: .now() + 10) == .success, "a nested read waited for a connection") }
        #expect(results.all == Array(repeating: "nil/nil", count: limit))
        #expect(try store.read { try $0.meta("note") } == "after")
    }

    @Test func readsGoOnAfterAnotherConnectionChangesTheSchema() throws {
        let (store, path) = try newStore()
        #expect(try store.read { try $0.size() } == 0)
        let other = try DatabaseQueue(path: path)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE added_by_another_process (x INTEGER)")
            try db.execute(sql: "INSERT INTO meta (name, value) VALUES ('after_change', 'yes')")
        }
        #expect(try store.read { try $0.meta("after_change") } == "yes")
        #expect(try store.read { try $0.size() } == 0)
    }

    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ failure: String) { lock.withLock { list.append(failure) } }
        var all: [String] { lock.withLock { list } }
    }
}
