import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// A till's day over HTTP: the volunteer's app asks for a code, the
/// merchant's till redeems it, and every refusal has its status.
@Suite(.timeLimit(.minutes(2))) struct RedemptionRouteTests {
    private func code(_ server: TestServer, volunteer: Int = 1) async throws -> String {
        let reply = try await server.send(
            "POST", "/v1/redemption-codes", token: try server.token(TestLedger.volunteer(volunteer)), body: Body.of(RedeemCodeRequest(volunteer: TestLedger.volunteer(volunteer))))
        guard reply.status == 200, let code = reply.json?["code"]?.stringValue else { throw Unexpected(reply: reply) }
        #expect(reply.json?["expires"]?.stringValue != nil)
        return code
    }

    private func redeem(_ server: TestServer, code: String, points: Int64, key: String? = nil) async throws -> HTTPReply {
        try await server.send(
            "POST", "/v1/redemptions", token: try server.token(TestLedger.merchant), key: key,
            body: Body.of(RedeemRequest(merchant: TestLedger.merchant, code: code, points: points, item: "拿铁")))
    }

    @Test func aTillRedeemsAVolunteersCodeOnce() async throws {
        try await withServer { server in
            _ = try await server.award(1, token: try server.token(TestLedger.baiyangOffice))  // 20
            let code = try await code(server)
            let reply = try await redeem(server, code: code, points: 12, key: "till-1:0001")
            #expect(reply.status == 200)
            #expect(reply.json?["balance"] == 8)
            #expect(reply.json?["points"] == 12)
            let again = try await redeem(server, code: code, points: 12)
            #expect(again.status == 409)
            #expect(again.reason == "code_used")
        }
    }

    @Test func aVolunteersTokenAsksOnlyForItsOwnCodes() async throws {
        try await withServer { server in
            let reply = try await server.send(
                "POST", "/v1/redemption-codes", token: try server.token(TestLedger.volunteer(2)), body: Body.of(RedeemCodeRequest(volunteer: TestLedger.volunteer(1))))
            #expect(reply.status == 403)
            #expect(reply.reason == "forbidden")
        }
    }

    @Test func refusalsHaveTheirStatuses() async throws {
        try await withServer { server in
            _ = try await server.award(1, token: try server.token(TestLedger.baiyangOffice))  // 20
            let unknown = try await redeem(server, code: "ZZZZ-ZZZZ", points: 1)
            #expect(unknown.status == 404)
            #expect(unknown.reason == "unknown_code")
            let tooMuch = try await redeem(server, code: try await code(server), points: 21)
            #expect(tooMuch.status == 422)
            #expect(tooMuch.reason == "insufficient_points")
            let late = try await code(server)
            server.ledger.clock.advance(milliseconds: 10 * 60_000)
            let expired = try await redeem(server, code: late, points: 1)
            #expect(expired.status == 410)
            #expect(expired.reason == "code_expired")
        }
    }

    @Test func aDailyLimitIsUnprocessable() async throws {
        try await withServer { server in
            let limited = TestLedger.plainRules.replacingOccurrences(of: "version: 1", with: "version: 2") + "redemption: {volunteer_day_points: 5}\n"
            let published = try await server.send("PUT", "/v1/rules", token: try server.token(TestLedger.root), body: Body.of(RulesPublishRequest(ruleset: limited)))
            #expect(published.status == 200)
            _ = try await server.award(1, token: try server.token(TestLedger.baiyangOffice))
            let reply = try await redeem(server, code: try await code(server), points: 6)
            #expect(reply.status == 422)
            #expect(reply.reason == "limit_exceeded")
        }
    }

    @Test func aRedemptionReversedOverHTTPGivesThePointsBack() async throws {
        try await withServer { server in
            _ = try await server.award(1, token: try server.token(TestLedger.baiyangOffice))
            let spent = try await redeem(server, code: try await code(server), points: 12)
            let seq = try #require(spent.json?["seq"]?.integerValue)
            let givenBack = try await server.send("POST", "/v1/reversals", token: try server.token(TestLedger.merchant), body: Body.reverse(seq, reason: "退货"))
            #expect(givenBack.status == 200)
            #expect(givenBack.json?["points"] == 12)
            let twice = try await server.send("POST", "/v1/reversals", token: try server.token(TestLedger.merchant), body: Body.reverse(seq, reason: "退货"))
            #expect(twice.status == 409)
            #expect(twice.reason == "already_reversed")
        }
    }

    @Test func concurrentTillsWithOneCodeGetOneSuccess() async throws {
        try await withServer { server in
            _ = try await server.award(1, token: try server.token(TestLedger.baiyangOffice))  // 20
            for round in 0..<10 {
                let code = try await code(server)
                let statuses = try await withThrowingTaskGroup(of: Int.self, returning: [Int].self) { group in
                    for _ in 0..<6 { group.addTask { try await redeem(server, code: code, points: 1).status } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.sorted() == [200, 409, 409, 409, 409, 409], "round \(round)")
            }
        }
    }
}
