import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// A till that guesses codes hears 429 `rate_limited` with `Retry-After`.
@Suite(.timeLimit(.minutes(2))) struct CodeThrottleRouteTests {
    @Test func aGuessingTillIsTooManyRequests() async throws {
        try await withServer { server in
            let rules = TestLedger.plainRules.replacingOccurrences(of: "version: 1", with: "version: 2")
                + "redemption: {unknown_code_limit: 2, unknown_code_minutes: 5}\n"
            let published = try await server.send("PUT", "/v1/rules", token: try server.token(TestLedger.root), body: Body.of(RulesPublishRequest(ruleset: rules)))
            #expect(published.status == 200)
            let token = try server.token(TestLedger.merchant)
            var last: HTTPReply?
            for _ in 0..<3 {
                last = try await server.send(
                    "POST", "/v1/redemptions", token: token, body: Body.of(RedeemRequest(merchant: TestLedger.merchant, code: "ZZZZ-ZZZZ", points: 1)))
            }
            let reply = try #require(last)
            #expect(reply.status == 429)
            #expect(reply.reason == "rate_limited")
            #expect(reply.header("Retry-After") == "300")
            #expect(reply.json?["error"]?["retry_after_seconds"] == 300)
        }
    }
}
