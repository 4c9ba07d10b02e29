import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// The token's principal is the service's actor, and the service decides:
/// a volunteer reads only itself, a coordinator awards and reverses only
/// within its scope, the operator does everything.
@Suite(.timeLimit(.minutes(2))) struct AuthorizationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var principal: AccountID
        var method: String
        var path: String
        /// Made per server: some bodies name a seq awarded first.
        var body: @Sendable (_ awardedSeq: Int64) -> JSONValue?
        var status: Int
        var testDescription: String { "\(principal) \(method) \(path) → \(status)" }
    }

    static let cases: [Case] = [
        Case(principal: TestLedger.volunteer(1), method: "GET", path: "/v1/accounts/volunteer:V000001", body: { _ in nil }, status: 200),
        Case(principal: TestLedger.volunteer(1), method: "GET", path: "/v1/accounts/volunteer:V000002", body: { _ in nil }, status: 403),
        Case(principal: TestLedger.volunteer(1), method: "GET", path: "/v1/accounts/volunteer:V000001/history", body: { _ in nil }, status: 200),
        Case(principal: TestLedger.volunteer(2), method: "GET", path: "/v1/accounts/volunteer:V000001/history", body: { _ in nil }, status: 403),
        Case(principal: TestLedger.volunteer(1), method: "POST", path: "/v1/awards", body: { _ in Body.award(1) }, status: 403),
        Case(principal: TestLedger.merchant, method: "GET", path: "/v1/accounts/merchant:jiulongxiang-cafe", body: { _ in nil }, status: 200),
        Case(principal: TestLedger.merchant, method: "GET", path: "/v1/accounts/volunteer:V000001", body: { _ in nil }, status: 403),
        Case(principal: TestLedger.baiyangOffice, method: "GET", path: "/v1/accounts/volunteer:V000001", body: { _ in nil }, status: 200),
        Case(principal: TestLedger.baiyangOffice, method: "GET", path: "/v1/accounts/volunteer:V000004", body: { _ in nil }, status: 403),
        Case(principal: TestLedger.baiyangOffice, method: "POST", path: "/v1/awards", body: { _ in Body.award(1) }, status: 200),
        Case(principal: TestLedger.jiangbinOffice, method: "POST", path: "/v1/awards", body: { _ in Body.award(1) }, status: 403),
        Case(principal: TestLedger.streetOffice, method: "POST", path: "/v1/awards", body: { _ in Body.award(1) }, status: 200),
        Case(principal: TestLedger.gridWorker, method: "POST", path: "/v1/awards", body: { _ in Body.award(1) }, status: 403),
        Case(principal: TestLedger.baiyangOffice, method: "POST", path: "/v1/reversals", body: { Body.reverse($0) }, status: 200),
        Case(principal: TestLedger.jiangbinOffice, method: "POST", path: "/v1/reversals", body: { Body.reverse($0) }, status: 403),
        Case(principal: TestLedger.volunteer(1), method: "POST", path: "/v1/reversals", body: { Body.reverse($0) }, status: 403),
        Case(
            principal: TestLedger.baiyangOffice, method: "POST", path: "/v1/accounts",
            body: { _ in Body.of(AccountOpenRequest(account: TestLedger.volunteer(50), scope: TestLedger.baiyangGrid)) }, status: 200),
        Case(
            principal: TestLedger.baiyangOffice, method: "POST", path: "/v1/accounts",
            body: { _ in Body.of(AccountOpenRequest(account: AccountID(unchecked: .coordinator, "new"), scope: TestLedger.baiyang)) }, status: 403),
        Case(
            principal: TestLedger.root, method: "POST", path: "/v1/accounts",
            body: { _ in Body.of(AccountOpenRequest(account: AccountID(unchecked: .coordinator, "new"), scope: TestLedger.baiyang)) }, status: 200),
        Case(principal: TestLedger.root, method: "GET", path: "/v1/accounts/volunteer:V000004", body: { _ in nil }, status: 200),
        Case(principal: TestLedger.volunteer(2), method: "GET", path: "/v1/entries/{awarded}", body: { _ in nil }, status: 403),
        Case(principal: TestLedger.volunteer(1), method: "GET", path: "/v1/entries/{awarded}", body: { _ in nil }, status: 200),
    ]

    @Test(arguments: cases)
    func eachRoleIsAllowedOrRefusedByTheService(_ test: Case) async throws {
        try await withServer { server in
            let awarded = try await server.award(1, token: try server.token(TestLedger.root))
            let path = test.path.replacingOccurrences(of: "{awarded}", with: String(awarded))
            let reply = try await server.send(test.method, path, token: try server.token(test.principal), body: test.body(awarded))
            #expect(reply.status == test.status, "\(reply.text.prefix(200))")
            if test.status == 403 { #expect(reply.reason == "forbidden") }
        }
    }
}
