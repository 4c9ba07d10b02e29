import Foundation
import JiazhouCore
import JiazhouHTTP
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// Bearer tokens: 401 with `WWW-Authenticate: Bearer` for a missing, bad,
/// expired or revoked token; 429 with `Retry-After` once a client has failed
/// too often; public routes need none.
@Suite(.timeLimit(.minutes(2))) struct AuthenticationTests {
    private func expectUnauthorized(_ reply: HTTPReply, mentioning words: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == 401, sourceLocation: sourceLocation)
        #expect(reply.reason == "unauthorized", sourceLocation: sourceLocation)
        #expect(reply.header("WWW-Authenticate")?.hasPrefix("Bearer") == true, sourceLocation: sourceLocation)
        #expect(reply.message?.contains(words) == true, "\(reply.message ?? "")", sourceLocation: sourceLocation)
    }

    @Test func aMissingOrMalformedTokenIsUnauthorized() async throws {
        try await withServer { server in
            expectUnauthorized(try await server.send("GET", "/v1/accounts/volunteer:V000001"), mentioning: "needs a bearer token")
            let basic = try await server.send("GET", "/v1/accounts/volunteer:V000001", headers: [("Authorization", "Basic b3BlcmF0b3I6cm9vdA==")])
            expectUnauthorized(basic, mentioning: "Bearer TOKEN")
            let unknown = try await server.send("POST", "/v1/awards", token: "jzt_" + String(repeating: "A", count: 43), body: Body.award(1))
            expectUnauthorized(unknown, mentioning: "not one this ledger issued")
            expectUnauthorized(try await server.send("GET", "/v1/entries/1", token: "hunter2"), mentioning: "not one this ledger issued")
        }
    }

    /// Two Authorization fields name no one token: the second cannot
    /// smuggle a principal past the first, nor the first past the second.
    @Test func aRepeatedAuthorizationFieldIsUnauthorized() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.root)
            #expect(try await server.send("GET", "/v1/entries/1", headers: [("Authorization", "Bearer \(token)")]).status == 200)
            for pair in [("Bearer \(token)", "Bearer hunter2"), ("Bearer hunter2", "Bearer \(token)"), ("Bearer \(token)", "Bearer \(token)")] {
                let reply = try await server.send("GET", "/v1/entries/1", headers: [("Authorization", pair.0), ("Authorization", pair.1)])
                expectUnauthorized(reply, mentioning: "not one this ledger issued")
            }
        }
    }

    @Test func theSchemeIsCaseInsensitive() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.root)
            let reply = try await server.send("GET", "/v1/entries/1", headers: [("Authorization", "bearer  \(token)")])
            #expect(reply.status == 200)
        }
    }

    @Test func anExpiredTokenIsUnauthorized() async throws {
        try await withServer { server in
            let expires = Timestamp(millisecondsSince1970: server.ledger.clock.now().millisecondsSince1970 + 3_600_000)
            let token = try server.token(TestLedger.root, expires: expires)
            #expect(try await server.send("GET", "/v1/entries/1", token: token).status == 200)
            server.ledger.clock.advance(milliseconds: 3_600_000)
            expectUnauthorized(try await server.send("GET", "/v1/entries/1", token: token), mentioning: "expired")
        }
    }

    @Test func aRevokedTokenIsRefusedOnceTheServerReadsItAgain() async throws {
        try await withServer { server in
            let issued = try BearerTokens(service: server.ledger.service, clock: server.ledger.clock).issue(principal: TestLedger.baiyangOffice, expires: nil)
            #expect(try await server.send("POST", "/v1/awards", token: issued.token, body: Body.award(1)).status == 200)
            // Revoked elsewhere (as `jiazhou token revoke` does, in its own process):
            // the server trusts what it read for at most a second, then reads again.
            try BearerTokens(service: server.ledger.service, clock: server.ledger.clock).revoke(id: issued.id)
            server.ledger.clock.advance(milliseconds: BearerTokens.revalidationMilliseconds)
            expectUnauthorized(try await server.send("POST", "/v1/awards", token: issued.token, body: Body.award(2)), mentioning: "revoked")
            expectUnauthorized(try await server.send("GET", "/v1/entries/1", token: issued.token), mentioning: "revoked")
        }
    }

    @Test func publicRoutesNeedNoToken() async throws {
        try await withServer { server in
            for path in ["/v1/info", "/v1/checkpoint", "/healthz", "/openapi.json", "/metrics"] {
                let reply = try await server.send("GET", path)
                #expect(reply.status == 200, "\(path)")
            }
        }
    }

    @Test func aClientThatKeepsFailingIsThrottledWithRetryAfter() async throws {
        try await withServer(throttle: FailureThrottle.Policy(burst: 3, refillSeconds: 60)) { server in
            let good = try server.token(TestLedger.root)
            for _ in 0..<3 {
                #expect(try await server.send("GET", "/v1/entries/1", token: "jzt_wrong").status == 401)
            }
            let throttled = try await server.send("GET", "/v1/entries/1", token: "jzt_wrong")
            #expect(throttled.status == 429)
            #expect(throttled.reason == "throttled")
            let seconds = try #require(throttled.header("Retry-After").flatMap(Int.init))
            #expect((1...60).contains(seconds))
            // Throttled before the token is looked at: even a good token waits.
            #expect(try await server.send("GET", "/v1/entries/1", token: good).status == 429)
            // Public routes are not behind the throttle.
            #expect(try await server.send("GET", "/v1/info").status == 200)
        }
    }
}
