import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// When the storage refuses a write, the client is told to come back (503
/// with `Retry-After`), and nothing is written.
@Suite(.timeLimit(.minutes(2))) struct StorageTests {
    @Test func aWriteTheStorageRefusesIsServiceUnavailable() async throws {
        try await withServer(readonly: true) { server in
            let before = try server.ledger.service.info().size
            let reply = try await server.send("POST", "/v1/awards", token: try server.token(TestLedger.root), body: Body.award(1))
            #expect(reply.status == 503)
            #expect(reply.reason == "storage_unavailable")
            #expect(reply.header("Retry-After") == "1")
            #expect(try server.ledger.service.info().size == before)
            // Reads still work.
            #expect(try await server.send("GET", "/v1/info").status == 200)
        }
    }
}
