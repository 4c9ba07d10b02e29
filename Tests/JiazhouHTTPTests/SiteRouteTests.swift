import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// The web pages at `/`, and the headers every answer carries.
@Suite(.timeLimit(.minutes(2))) struct SiteRouteTests {
    @Test func theIndexIsServedWithAStrictPolicyAndNoCookie() async throws {
        try await withServer { server in
            let reply = try await HTTPClient.send(port: server.port, method: "GET", path: "/")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "text/html; charset=utf-8")
            let policy = try #require(reply.header("Content-Security-Policy"))
            #expect(policy.hasPrefix("default-src 'self'"))
            #expect(!policy.contains("unsafe-inline") && !policy.contains("http"))
            #expect(reply.header("X-Content-Type-Options") == "nosniff")
            #expect(reply.header("Set-Cookie") == nil)
            #expect(reply.text.contains("<script type=\"module\" src=\"/js/main.js\"></script>"))
        }
    }

    @Test func aPageTheClientHoldsIsAnswered304() async throws {
        try await withServer { server in
            let first = try await HTTPClient.send(port: server.port, method: "GET", path: "/js/api.js")
            #expect(first.header("Content-Type") == "text/javascript; charset=utf-8")
            let tag = try #require(first.header("ETag"))
            #expect(tag.hasPrefix("\"") && tag.count == 34)
            let again = try await HTTPClient.send(port: server.port, method: "GET", path: "/js/api.js", headers: [("If-None-Match", "\"other\", " + tag)])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again.header("ETag") == tag)
            let changed = try await HTTPClient.send(port: server.port, method: "GET", path: "/js/api.js", headers: [("If-None-Match", "\"other\"")])
            #expect(changed.status == 200)
        }
    }

    @Test func theAPIsAnswersAreNeverStoredNorSniffed() async throws {
        try await withServer { server in
            for path in ["/v1/info", "/v1/accounts/volunteer:V000001", "/no/such/route"] {
                let reply = try await HTTPClient.send(port: server.port, method: "GET", path: path)
                #expect(reply.header("Cache-Control") == "no-store", "\(path)")
                #expect(reply.header("X-Content-Type-Options") == "nosniff", "\(path)")
            }
        }
    }

    @Test(arguments: ["TRACE", "OPTIONS", "DELETE"])
    func aKnownPathAskedWithAnotherMethodIs405WithAllow(method: String) async throws {
        try await withServer { server in
            let api = try await server.send(method, "/v1/info")
            #expect(api.status == 405)
            #expect(api.header("Allow") == "GET")
            let page = try await HTTPClient.send(port: server.port, method: method, path: "/")
            #expect(page.status == 405)
            #expect(page.header("Allow") == "GET")
        }
    }

    @Test func theQRRouteDrawsTheTextAsSVG() async throws {
        try await withServer { server in
            let reply = try await server.send("GET", "/v1/qr?text=K7QD-3M9X")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "image/svg+xml")
            #expect(reply.text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            let tooLong = try await server.send("GET", "/v1/qr?text=" + String(repeating: "a", count: 1025))
            #expect(tooLong.status == 400)
        }
    }

    @Test func theSessionNamesTheTokensPrincipal() async throws {
        try await withServer { server in
            let reply = try await server.send("GET", "/v1/session", token: try server.token(TestLedger.volunteer(1)))
            #expect(reply.status == 200)
            #expect(reply.json?["principal"]?.stringValue == "volunteer:V000001")
            #expect(reply.json?["kind"]?.stringValue == "volunteer")
            #expect(try await server.send("GET", "/v1/session").status == 401)
        }
    }

    @Test func aVolunteerFetchesItsOwnStatementAndNoOneElses() async throws {
        try await withServer { server in
            _ = try await server.award(1, token: try server.token(TestLedger.root))
            let mine = try await server.send("GET", "/v1/statements/volunteer:V000001", token: try server.token(TestLedger.volunteer(1)))
            #expect(mine.status == 200)
            #expect(mine.json?["format"]?.stringValue == "jiazhou-statement/1")
            let theirs = try await server.send("GET", "/v1/statements/volunteer:V000001", token: try server.token(TestLedger.volunteer(2)))
            #expect(theirs.status == 403)
        }
    }
}
