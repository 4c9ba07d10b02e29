import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// The rules routes and bulk awards over HTTP: the same service calls as
/// JSON-RPC's `rules.*` and `award.batch`, with their refusals as statuses.
@Suite(.timeLimit(.minutes(2))) struct RulesAndBatchRouteTests {
    let sheet = BatchActivity(id: "sheet-1130", category: "environment", minutes: 60, start: "2026-11-30T08:30:00+08:00", scope: TestLedger.baiyang)

    @Test func aBatchIsAwardedAndAResentOneWritesNothing() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.baiyangOffice)
            let body = Body.of(AwardBatchRequest(activity: sheet, participants: [.init(volunteer: TestLedger.volunteer(1), minutes: nil), .init(volunteer: TestLedger.volunteer(2), minutes: 120)]))
            let reply = try await server.send("POST", "/v1/awards/batch", token: token, key: "sheet-1130", body: body)
            #expect(reply.status == 200)
            #expect(reply.json?["points_total"] == 30)
            let size = try server.ledger.service.info().size
            let again = try await server.send("POST", "/v1/awards/batch", token: token, key: "sheet-1130", body: body)
            #expect(again.body == reply.body)
            #expect(try server.ledger.service.info().size == size)
        }
    }

    @Test func aRefusedBatchNamesEveryBadRowInTheError() async throws {
        try await withServer { server in
            let body = Body.of(AwardBatchRequest(activity: sheet, participants: [.init(volunteer: TestLedger.volunteer(1), minutes: nil), .init(volunteer: TestLedger.volunteer(404), minutes: nil)]))
            let reply = try await server.send("POST", "/v1/awards/batch", token: try server.token(TestLedger.baiyangOffice), body: body)
            #expect(reply.status == 404)
            #expect(reply.reason == "unknown_account")
            let rows = try #require(reply.json?["error"]?["rows"]?.arrayValue)
            #expect(rows.map { $0["row"] } == [2])
            let outside = try await server.send("POST", "/v1/awards/batch", token: try server.token(TestLedger.jiangbinOffice), body: body)
            #expect(outside.status == 403)
        }
    }

    @Test func rulesAreReadByAnyoneEvaluatedWithoutWritingAndPublishedByTheOperator() async throws {
        try await withServer { server in
            let rules = try await server.send("GET", "/v1/rules")
            #expect(rules.status == 200)
            #expect(rules.json?["version"] == 1)
            #expect(try await server.send("GET", "/v1/rules?version=9").status == 404)
            let size = try server.ledger.service.info().size
            let evaluated = try await server.send(
                "POST", "/v1/awards/evaluate", token: try server.token(TestLedger.volunteer(3)),
                body: Body.of(AwardRequest(volunteer: TestLedger.volunteer(3), activity: TestLedger.activity(minutes: 90))))
            #expect(evaluated.status == 200)
            #expect(evaluated.json?["points"] == 15)
            #expect(try server.ledger.service.info().size == size)
            let next = TestLedger.plainRules.replacingOccurrences(of: "version: 1", with: "version: 2")
            let forbidden = try await server.send("PUT", "/v1/rules", token: try server.token(TestLedger.streetOffice), body: Body.of(RulesPublishRequest(ruleset: next)))
            #expect(forbidden.status == 403)
            let invalid = try await server.send("PUT", "/v1/rules", token: try server.token(TestLedger.root), body: Body.of(RulesPublishRequest(ruleset: "version: 3\n")))
            #expect(invalid.status == 422)
            #expect(invalid.reason == "rules_invalid")
            let published = try await server.send("PUT", "/v1/rules", token: try server.token(TestLedger.root), key: "rules-2", body: Body.of(RulesPublishRequest(ruleset: next)))
            #expect(published.status == 200)
            #expect(published.json?["version"] == 2)
        }
    }
}
