import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// `/metrics` is Prometheus text from the server's own registry.
@Suite(.timeLimit(.minutes(2))) struct MetricsTests {
    /// The value of the sample `name` (exactly as written, labels included).
    private func sample(_ text: String, _ name: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ").last!) }
    }

    @Test func requestsLedgerSizeAndCommitGroupsAreCounted() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.root)
            try await withThrowingTaskGroup(of: Int64.self) { group in
                for n in 0..<12 { group.addTask { try await server.award(1, token: token, activity: TestLedger.activity("m-\(n)")) } }
                for try await _ in group {}
            }
            _ = try await server.send("GET", "/v1/accounts/volunteer:V999999", token: token)
            let reply = try await server.send("GET", "/metrics")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = reply.text
            #expect(sample(text, #"jiazhou_http_requests_total{route="/v1/awards",method="POST",status="200"}"#) == 12)
            #expect(sample(text, #"jiazhou_http_requests_total{route="/v1/accounts/{account}",method="GET",status="404"}"#) == 1)
            #expect(sample(text, #"jiazhou_http_request_duration_seconds_count{route="/v1/awards"}"#) == 12)
            #expect(sample(text, "jiazhou_ledger_entries") == Double(try server.ledger.service.info().size))
            #expect((sample(text, "jiazhou_database_bytes") ?? 0) > 0)
            // Every award was in exactly one durable group (the district was opened before the server counted).
            #expect(sample(text, "jiazhou_commit_group_requests_sum") == 12)
            let groups = try #require(sample(text, "jiazhou_commit_group_requests_count"))
            #expect((1...12).contains(groups))
        }
    }
}
