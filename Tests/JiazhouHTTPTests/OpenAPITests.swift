import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// `/openapi.json` describes exactly what is served: every route of
/// PROTOCOL.md and the server's own are documented, every documented route
/// answers, and a path's undocumented methods are refused. (That each status
/// observed is documented, and each body fits, is checked on every exchange
/// of every test, by ``APIContract``.)
@Suite(.timeLimit(.minutes(2))) struct OpenAPITests {
    /// PROTOCOL.md's HTTP table, written out, and the server's own routes.
    static let protocolRoutes: Set<String> = [
        "get /v1/info", "post /v1/accounts", "get /v1/accounts/{account}", "patch /v1/accounts/{account}", "get /v1/accounts/{account}/history",
        "post /v1/awards", "post /v1/awards/batch", "post /v1/awards/evaluate", "post /v1/redemption-codes", "post /v1/redemptions",
        "post /v1/reversals", "post /v1/transfers", "post /v1/settlements", "get /v1/rules", "put /v1/rules",
        "get /v1/entries/{seq}", "get /v1/entries/{seq}/proof", "get /v1/proofs/consistency", "get /v1/checkpoint",
        "get /healthz", "get /metrics", "get /openapi.json",
        // What the pages need besides (issue 16): whom a token acts as, the certificate's statement, QR codes.
        "get /v1/session", "get /v1/statements/{volunteer}", "get /v1/qr",
        // A coordinator's sheet, uploaded from the page as `jiazhou award import` reads it.
        "post /v1/sheets",
        // The office's reports, as JSON or the spreadsheet `jiazhou report` writes (issue 18).
        "get /v1/reports/merchant", "get /v1/reports/scope",
        // The certificate number (issue 16): issued by a token, fetched by anyone who holds the number.
        "post /v1/certificates", "get /v1/certificates/{number}",
    ]

    @Test func itIsOpenAPI31AndDocumentsEveryProtocolRouteAndNoOther() async throws {
        try await withServer { server in
            #expect(server.contract.document["openapi"] == "3.1.0")
            let documented = Set(server.contract.operations.map { "\($0.method) \($0.path)" })
            #expect(documented == Self.protocolRoutes)
            let ids = server.contract.operations.compactMap { $0.operation["operationId"]?.stringValue }
            #expect(Set(ids).count == ids.count, "operation ids are unique")
        }
    }

    @Test func everyDocumentedRouteIsServedAndNoOtherMethodIs() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.root)
            for (template, method, _) in server.contract.operations {
                let path = template.replacingOccurrences(of: "{account}", with: "volunteer:V000001").replacingOccurrences(of: "{seq}", with: "1")
                    .replacingOccurrences(of: "{volunteer}", with: "volunteer:V000001")
                    .replacingOccurrences(of: "{number}", with: "JZ-0000-0000-0000-0000-0000-0000-0000")
                let reply = try await server.send(method.uppercased(), path, token: token, body: method == "get" ? nil : [:])
                #expect(!["not_found", "method_not_allowed"].contains(reply.reason ?? ""), "\(method) \(template): \(reply.status)")
                let others = ["GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS"].filter { other in
                    server.contract.document["paths"]?[template]?[other.lowercased()] == nil
                }
                for other in others {
                    #expect(try await server.send(other, path, token: token).status == 405, "\(other) \(template)")
                }
            }
        }
    }

    @Test func bodiesAndParametersAreTheServiceTypesShapes() async throws {
        try await withServer { server in
            let paths = server.contract.document["paths"]
            let award = paths?["/v1/awards"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]
            #expect(award?["required"] == ["volunteer", "activity"])
            #expect(award?["properties"]?["activity"]?["properties"]?["minutes"]?["type"] == "integer")
            #expect(award?["properties"]?["activity"]?["required"]?.arrayValue?.contains("tags") == false)
            let history = paths?["/v1/accounts/{account}/history"]?["get"]?["parameters"]?.arrayValue ?? []
            #expect(Set(history.compactMap { $0["name"]?.stringValue }) == ["account", "after", "limit"])
            #expect(history.first { $0["name"] == "account" }?["in"] == "path")
            #expect(history.first { $0["name"] == "limit" }?["required"] == false)
            let view = paths?["/v1/accounts/{account}"]?["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"]
            #expect(view?["properties"]?["kind"]?["enum"]?.arrayValue?.contains("volunteer") == true)
            #expect(view?["properties"]?["opened_seq"]?["type"] == "integer")
            let write = paths?["/v1/awards"]?["post"]
            #expect(write?["security"] == [["bearer": []]])
            #expect(write?["parameters"]?.arrayValue?.contains { $0["name"] == "Idempotency-Key" } == true)
            #expect(paths?["/v1/info"]?["get"]?["security"] == [])
            #expect(write?["responses"]?["401"]?["headers"]?["WWW-Authenticate"] != nil)
            #expect(write?["responses"]?["429"]?["headers"]?["Retry-After"] != nil)
            #expect(write?["responses"]?["413"] != nil)
            #expect(paths?["/v1/info"]?["get"]?["responses"]?["401"] == nil)
            #expect(paths?["/v1/checkpoint"]?["get"]?["responses"]?["200"]?["content"]?["text/plain; charset=utf-8"] != nil)
            let info = paths?["/v1/info"]?["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"]
            let witness = info?["properties"]?["witnesses"]?["items"]
            #expect(witness?["properties"]?["verifier_key"]?["type"] == ["string", "null"])
            #expect(witness?["required"]?.arrayValue?.contains("verifier_key") == false, "rows kept before v11 have no key")
        }
    }
}
