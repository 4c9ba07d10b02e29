import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// The office settles the café over HTTP (every reply is held to
/// `/openapi.json` by the server's ``APIContract``).
@Suite(.timeLimit(.minutes(2))) struct SettlementRouteTests {
    private func settle(_ server: TestServer, as actor: AccountID, key: String? = nil) async throws -> HTTPReply {
        try await server.send("POST", "/v1/settlements", token: try server.token(actor), key: key, body: Body.of(SettleRequest(merchant: TestLedger.merchant)))
    }

    @Test func theOfficeSettlesTheCafesTakingsOnce() async throws {
        try await withServer { server in
            _ = try await server.award(1, token: try server.token(TestLedger.baiyangOffice))  // 20
            let code = try await server.send(
                "POST", "/v1/redemption-codes", token: try server.token(TestLedger.volunteer(1)), body: Body.of(RedeemCodeRequest(volunteer: TestLedger.volunteer(1))))
            let redeemed = try await server.send(
                "POST", "/v1/redemptions", token: try server.token(TestLedger.merchant),
                body: Body.of(RedeemRequest(merchant: TestLedger.merchant, code: code.json?["code"]?.stringValue ?? "", points: 12)))
            #expect(redeemed.status == 200)
            let byTheCafe = try await settle(server, as: TestLedger.merchant)
            #expect(byTheCafe.status == 403)
            #expect(byTheCafe.reason == "forbidden")
            let settled = try await settle(server, as: TestLedger.root, key: "settle-cafe-2026-11")
            #expect(settled.status == 200)
            #expect(settled.json?["points"] == 12)
            #expect(settled.json?["seq"]?.integerValue != nil)
            let replayed = try await settle(server, as: TestLedger.root, key: "settle-cafe-2026-11")
            #expect(replayed.json == settled.json)
            let nothingLeft = try await settle(server, as: TestLedger.root)
            #expect(nothingLeft.status == 409)
            #expect(nothingLeft.reason == "nothing_to_do")
        }
    }
}
