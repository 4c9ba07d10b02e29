import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Synchronization
import Testing

/// A PostgreSQL server restarted while awards stream in: on a server of the
/// test's own (the shared one serves the other tests meanwhile).
@Suite(.timeLimit(.minutes(5))) struct PostgresRestartTests {
    /// Requests in flight when the server goes fail as `storage_unavailable`
    /// saying what to do; once it is back, the same requests retried with
    /// their keys are written exactly once each (a write that committed just
    /// before the server went is answered from its key), with no gap, and
    /// `verify` passes.
    @Test func aServerRestartMidStreamFailsRequestsClearlyAndRetriesWriteOnce() async throws {
        let server = try PostgresServer.startPrivate()
        defer { server.shutDown() }
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try await TestLedger.make(atPath: try server.createDatabase(), keyPath: folder + "/ledger.key")
        let start = try ledger.service.info().size
        let count = 400
        let tally = Tally()
        let service = ledger.service
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Eight clients, each sending its share one request after another, a few ms apart.
            for client in 0..<8 {
                group.addTask {
                    for i in stride(from: client, to: count, by: 8) {
                        tally.sent.withLock { $0 += 1 }
                        do { _ = try await Self.award(i, on: service) } catch let error as LedgerError { tally.failures.withLock { $0[i] = error } }
                        try await Task.sleep(for: .milliseconds(5))
                    }
                }
            }
            group.addTask {
                while tally.sent.withLock({ $0 }) < count / 4 { try await Task.sleep(for: .milliseconds(5)) }
                try server.stop()
                try await Task.sleep(for: .milliseconds(300))
                try server.restart()
                tally.restarted.withLock { $0 = true }
            }
            try await group.waitForAll()
        }
        #expect(tally.restarted.withLock { $0 })
        let failed = tally.failures.withLock { $0 }
        #expect(!failed.isEmpty, "no request was in flight while the server was down")
        #expect(failed.count < count, "nothing was written")
        for (i, error) in failed {
            #expect(error.reason == .storage_unavailable, "request \(i): \(error)")
            #expect(error.message.contains("PostgreSQL"), "request \(i) does not say what failed: \(error.message)")
        }
        // The next request works at once: retried, each failed request is written (or answered from its key).
        for i in failed.keys.sorted() { _ = try await Self.award(i, on: service) }
        let again = try await Self.award(0, on: service)
        #expect(try await Self.award(0, on: service) == again)
        let size = try ledger.service.info().size
        #expect(size == start + Int64(count), "\(size - start) entries for \(count) keys")
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    private static func award(_ i: Int, on service: LedgerService) async throws(LedgerError) -> Int64 {
        try await service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1 + i % 5), activity: TestLedger.activity("restart-\(i)", minutes: 30, scope: TestLedger.district)),
            actor: TestLedger.root, key: "restart-\(i)"
        ).seq
    }

    /// What the clients and the restarter share.
    private final class Tally: Sendable {
        let failures = Mutex<[Int: LedgerError]>([:])
        let sent = Mutex(0)
        let restarted = Mutex(false)
    }
}
