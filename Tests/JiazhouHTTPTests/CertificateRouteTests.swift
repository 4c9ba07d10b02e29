import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `POST /v1/certificates` issues with a token; `GET /v1/certificates/{number}`
/// answers anyone who holds the number, and nothing else (SPEC §18).
@Suite(.timeLimit(.minutes(2))) struct CertificateRouteTests {
    @Test func aVolunteerIssuesACertificateAndAnyoneFetchesItByNumberWithoutAToken() async throws {
        try await withServer { server in
            _ = try await server.award(1, token: try server.token(TestLedger.root))
            let issued = try await server.send("POST", "/v1/certificates", token: try server.token(TestLedger.volunteer(1)), body: ["volunteer": "volunteer:V000001"])
            #expect(issued.status == 200, "\(issued.text)")
            let number = try #require(issued.json?["number"]?.stringValue)
            #expect(issued.json?["office"]?.stringValue == LedgerService.defaultCertificateOffice)
            #expect(issued.json?["statement"]?["volunteer"] == "volunteer:V000001")

            let fetched = try await server.send("GET", "/v1/certificates/\(number)")
            #expect(fetched.status == 200)
            #expect(fetched.header("Cache-Control") == "no-store")
            #expect(fetched.json == issued.json)
            let statement = try JSONValueDecoder(root: "statement").decode(Statement.self, from: #require(fetched.json?["statement"]))
            #expect(StatementVerifier.verify(statement, verifierKey: server.ledger.service.verifierKey).ok)
        }
    }

    @Test func issuingNeedsATokenThatMayReadTheVolunteerAndTakesNoKey() async throws {
        try await withServer { server in
            let body: JSONValue = ["volunteer": "volunteer:V000001"]
            #expect(try await server.send("POST", "/v1/certificates", body: body).status == 401)
            let other = try await server.send("POST", "/v1/certificates", token: try server.token(TestLedger.volunteer(2)), body: body)
            #expect(other.status == 403 && other.reason == "forbidden")
            let keyed = try await server.send("POST", "/v1/certificates", token: try server.token(TestLedger.volunteer(1)), key: "k-1", body: body)
            #expect(keyed.status == 400 && keyed.message?.contains("idempotency key") == true)
        }
    }

    /// Every shape of wrong number: a client error, never a server error, and
    /// a well-formed number that was never issued is 404 like any other.
    @Test func aNumberThatCannotBeOneIs400AndOneNeverIssuedIs404() async throws {
        try await withServer { server in
            let unknown = try await server.send("GET", "/v1/certificates/JZ-0000-0000-0000-0000-0000-0000-0000")
            #expect(unknown.status == 404 && unknown.reason == "unknown_certificate")
            let impossible = [
                "JZ-0000", String(repeating: "0", count: 29), "JZ-" + String(repeating: "A", count: 4000), "JZ-UUUU-0000-0000-0000-0000-0000-0000",
                "JZ-0000-0000-0000-0000-0000-0000-000%21", "%E8%AF%81%E6%98%8E", "%FF%FE", "%00", "JZ--0000-0000-0000-0000-0000-0000-0000",
                "JZ-0000-0000-0000-0000-0000-0000-0000-", "JZ%200000", "x%2F..%2F..%2Fetc", "%2E%2E",
            ]
            for text in impossible {
                let reply = try await server.send("GET", "/v1/certificates/\(text)")
                #expect(reply.status == 400 && reply.reason == "invalid_request", "\(text.prefix(40)): \(reply.status) \(reply.text.prefix(200))")
            }
            for path in ["/v1/certificates/", "/v1/certificates/..", "/v1/certificates/../info", "/v1/certificates/a/b"] {
                let reply = try await server.send("GET", path)
                #expect([400, 404, 405].contains(reply.status), "\(path): \(reply.status) \(reply.text.prefix(200))")
            }
            #expect(try await server.send("GET", "/healthz").status == 200, "the server is still up")
        }
    }
}
