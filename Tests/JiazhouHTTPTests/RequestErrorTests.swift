import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// What a client gets wrong is 400 naming the field, 413, 404 or 405 —
/// never a crash or a 500.
@Suite(.timeLimit(.minutes(2))) struct RequestErrorTests {
    static let malformed: [(body: String, mentions: String)] = [
        (#"{"volunteer": "volunteer:V000001", "activity": "#, "not valid JSON"),
        (#"{"volunteer": "volunteer:V000001", "volunteer": "volunteer:V000002"}"#, "not valid JSON"),
        (#"[1, 2]"#, "body must be an object"),
        (#"{"volunteer": 12, "activity": {}}"#, "body.volunteer must be a string"),
        (#"{"volunteer": "V1", "activity": {}}"#, "body.volunteer"),
        (#"{"volunteer": "volunteer:V000001"}"#, "body.activity is required"),
        (#"{"volunteer": "volunteer:V000001", "activity": {"id": "a", "category": "environment", "minutes": 1.5, "start": "2026-11-23T08:30:00+08:00", "scope": "shizhong"}}"#, "not valid JSON"),
        (#"{"volunteer": "volunteer:V000001", "activity": {"id": "a", "category": "environment", "minutes": "60", "start": "2026-11-23T08:30:00+08:00", "scope": "shizhong"}}"#, "body.activity.minutes must be an integer"),
        (#"{"volunteer": "volunteer:V000001", "activity": {"id": "a", "category": "environment", "minutes": 60, "start": "2026-11-23T08:30:00+08:00", "scope": "shizhong"}, "note": "x"}"#, "body.note is not a parameter here; expected volunteer, activity"),
        (#"{"volunteer": "volunteer:V000001", "activity": {"id": "a", "category": "environment", "minutes": 60, "start": "2026-11-23T08:30:00+08:00", "scope": "shizhong", "hours": 1}}"#, "body.activity.hours is not a parameter here"),
        ("", "needs a JSON object body"),
    ]

    @Test(arguments: 0..<malformed.count)
    func aMalformedBodyIsABadRequestNamingWhatIsWrong(index: Int) async throws {
        let (body, mentions) = Self.malformed[index]
        try await withServer { server in
            let reply = try await server.send("POST", "/v1/awards", token: try server.token(TestLedger.root), raw: Array(body.utf8))
            #expect(reply.status == 400)
            #expect(reply.reason == "invalid_request")
            #expect(reply.message?.contains(mentions) == true, "\(reply.message ?? "")")
        }
    }

    static let badParameters: [(path: String, mentions: String)] = [
        ("/v1/entries/abc", "seq must be an integer"),
        ("/v1/entries/5/proof?size=x", "size must be an integer"),
        ("/v1/accounts/V000001", "account"),
        ("/v1/accounts/volunteer:V000001/history?limt=5", "limt is not a query parameter"),
        ("/v1/accounts/volunteer:V000001/history?limit=0", "limit must be from 1"),
        ("/v1/accounts/volunteer:V000001/history?after=1&after=2", "given twice"),
        ("/v1/proofs/consistency?from=1", "to is required"),
        ("/v1/info?verbose=1", "verbose is not a query parameter"),
    ]

    @Test(arguments: 0..<badParameters.count)
    func aBadPathOrQueryParameterIsABadRequest(index: Int) async throws {
        let (path, mentions) = Self.badParameters[index]
        try await withServer { server in
            let reply = try await server.send("GET", path, token: try server.token(TestLedger.root))
            #expect(reply.status == 400)
            #expect(reply.reason == "invalid_request")
            #expect(reply.message?.contains(mentions) == true, "\(reply.message ?? "")")
        }
    }

    @Test func aWriteTakesNoQueryParameters() async throws {
        try await withServer { server in
            let reply = try await server.send("POST", "/v1/awards?dry=1", token: try server.token(TestLedger.root), body: Body.award(1))
            #expect(reply.status == 400)
        }
    }

    @Test func aBadIdempotencyKeyIsABadRequest() async throws {
        try await withServer { server in
            let reply = try await server.send("POST", "/v1/awards", token: try server.token(TestLedger.root), key: String(repeating: "k", count: 200), body: Body.award(1))
            #expect(reply.status == 400)
            #expect(reply.message?.contains("idempotency key") == true)
        }
    }

    @Test func aBodyOverTheLimitIsTooLarge() async throws {
        try await withServer(maxBodyBytes: 1024) { server in
            let profile = JSONValue.object(["note": .string(String(repeating: "x", count: 2000))])
            let body = Body.of(AccountOpenRequest(account: TestLedger.volunteer(41), scope: TestLedger.baiyang, profile: profile))
            let reply = try await server.send("POST", "/v1/accounts", token: try server.token(TestLedger.root), body: body)
            #expect(reply.status == 413)
            #expect(reply.reason == "too_large")
            #expect(try server.ledger.service.store.read { try $0.account(TestLedger.volunteer(41)) } == nil)
        }
    }

    @Test func aServiceLimitIsAlsoTooLarge() async throws {
        try await withServer { server in
            let profile = JSONValue.object(["note": .string(String(repeating: "x", count: 5000))])
            let body = Body.of(AccountOpenRequest(account: TestLedger.volunteer(42), scope: TestLedger.baiyang, profile: profile))
            let reply = try await server.send("POST", "/v1/accounts", token: try server.token(TestLedger.root), body: body)
            #expect(reply.status == 413)
            #expect(reply.reason == "too_large")
        }
    }

    @Test func anUnknownPathIsNotFoundAndAWrongMethodIsNotAllowed() async throws {
        try await withServer { server in
            let missing = try await server.send("GET", "/v1/nothing-here")
            #expect(missing.status == 404)
            #expect(missing.reason == "not_found")
            let wrong = try await server.send("DELETE", "/v1/awards")
            #expect(wrong.status == 405)
            #expect(wrong.reason == "method_not_allowed")
            #expect(wrong.header("Allow") == "POST")
        }
    }

    /// Every route of PROTOCOL.md is served (the last to come, transfers,
    /// once answered 501): an empty body is refused by the operation itself.
    @Test func everyProtocolRouteIsAvailable() async throws {
        try await withServer { server in
            let reply = try await server.send("POST", "/v1/transfers", token: try server.token(TestLedger.root), body: [:])
            #expect(reply.status == 400)
            #expect(reply.reason == "invalid_request")
        }
    }
}
