import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `PATCH /v1/accounts/{account}`: the office suspends a shop, and its till hears 409 `account_suspended`.
@Suite(.timeLimit(.minutes(2))) struct AccountUpdateRouteTests {
    private func update(_ server: TestServer, _ account: AccountID, _ body: JSONValue, token: AccountID = TestLedger.root) async throws -> HTTPReply {
        try await server.send("PATCH", "/v1/accounts/\(account.text)", token: try server.token(token), body: body)
    }

    @Test func theOfficeSuspendsAShopAndItsTillIsRefused() async throws {
        try await withServer { server in
            _ = try await server.award(1, token: try server.token(TestLedger.baiyangOffice))
            let suspended = try await update(server, TestLedger.merchant, ["status": "suspended", "reason": "核销异常"], token: TestLedger.baiyangOffice)
            #expect(suspended.status == 200)
            #expect(suspended.json?["status"] == "suspended")
            #expect(suspended.json?["account"] == .string(TestLedger.merchant.text))
            let view = try await server.send("GET", "/v1/accounts/\(TestLedger.merchant.text)", token: try server.token(TestLedger.merchant))
            #expect(view.json?["status"] == "suspended")
            let code = try await server.send(
                "POST", "/v1/redemption-codes", token: try server.token(TestLedger.volunteer(1)), body: Body.of(RedeemCodeRequest(volunteer: TestLedger.volunteer(1))))
            let redeemed = try await server.send(
                "POST", "/v1/redemptions", token: try server.token(TestLedger.merchant),
                body: Body.of(RedeemRequest(merchant: TestLedger.merchant, code: code.json?["code"]?.stringValue ?? "", points: 5)))
            #expect(redeemed.status == 409)
            #expect(redeemed.reason == "account_suspended")
        }
    }

    @Test func theAccountComesFromThePathAndOnlyFromThere() async throws {
        try await withServer { server in
            let twice = try await update(server, TestLedger.merchant, ["account": .string(TestLedger.merchant.text), "status": "suspended"])
            #expect(twice.status == 400)
            let badStatus = try await update(server, TestLedger.merchant, ["status": "closed"])
            #expect(badStatus.status == 400)
            let notHers = try await update(server, TestLedger.merchant, ["status": "suspended"], token: TestLedger.jiangbinOffice)
            #expect(notHers.status == 403)
            let nobody = try await update(server, AccountID(unchecked: .merchant, "nowhere"), ["status": "suspended"])
            #expect(nobody.status == 404)
        }
    }
}
