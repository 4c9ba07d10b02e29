import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `POST /v1/transfers`: a volunteer's app gives points to an elderly
/// relative; the volunteer's token gives only its own points.
@Suite(.timeLimit(.minutes(2))) struct TransferRouteTests {
    /// Publishes a rule set that allows gifts, within 15 points a day.
    private func allowGifts(_ server: TestServer) async throws {
        let rules = TestLedger.plainRules.replacingOccurrences(of: "version: 1", with: "version: 2") + "transfer: {allowed: true, giver_day_points: 15}\n"
        let published = try await server.send("PUT", "/v1/rules", token: try server.token(TestLedger.root), body: Body.of(RulesPublishRequest(ruleset: rules)))
        #expect(published.status == 200)
    }

    private func give(_ server: TestServer, _ points: Int64, from: Int = 1, to: Int = 2, token: AccountID? = nil, key: String? = nil) async throws -> HTTPReply {
        try await server.send(
            "POST", "/v1/transfers", token: try server.token(token ?? TestLedger.volunteer(from)), key: key,
            body: Body.of(TransferRequest(from: TestLedger.volunteer(from), to: TestLedger.volunteer(to), points: points, note: "给奶奶")))
    }

    @Test func aVolunteerGivesItsOwnPoints() async throws {
        try await withServer { server in
            try await allowGifts(server)
            _ = try await server.award(1, token: try server.token(TestLedger.baiyangOffice))  // 20
            let reply = try await give(server, 12, key: "gift-1")
            #expect(reply.status == 200)
            #expect(reply.json?["balance"] == 8)
            #expect(reply.json?["points"] == 12)
            #expect(try await give(server, 12, key: "gift-1").json == reply.json, "the same key, the same answer")
        }
    }

    @Test func refusalsHaveTheirStatuses() async throws {
        try await withServer { server in
            _ = try await server.award(1, token: try server.token(TestLedger.baiyangOffice))  // 20
            let closed = try await give(server, 5)
            #expect(closed.status == 422)
            #expect(closed.reason == "transfer_not_allowed")
            try await allowGifts(server)
            let someoneElses = try await give(server, 5, token: TestLedger.volunteer(2))
            #expect(someoneElses.status == 403)
            #expect(someoneElses.reason == "forbidden")
            let toSelf = try await give(server, 5, to: 1)
            #expect(toSelf.status == 422)
            #expect(toSelf.reason == "transfer_not_allowed")
            let tooMuch = try await give(server, 16)
            #expect(tooMuch.status == 422)
            #expect(tooMuch.reason == "limit_exceeded")
            let unknown = try await give(server, 5, to: 99)
            #expect(unknown.status == 404)
            #expect(unknown.reason == "unknown_account")
        }
    }
}
