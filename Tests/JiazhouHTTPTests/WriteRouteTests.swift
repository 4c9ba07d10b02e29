import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// Writes go through the service's commit queue and answer once durable,
/// with the service's results and refusals.
@Suite(.timeLimit(.minutes(2))) struct WriteRouteTests {
    @Test func openingAnAccountWritesAnEntry() async throws {
        try await withServer { server in
            let body = Body.of(AccountOpenRequest(account: TestLedger.volunteer(40), scope: TestLedger.baiyangGrid, tags: ["silver_age"]))
            let reply = try await server.send("POST", "/v1/accounts", token: try server.token(TestLedger.baiyangOffice), key: "open-40", body: body)
            #expect(reply.status == 200)
            let seq = try #require(reply.json?["seq"]?.integerValue)
            let entry = try server.ledger.service.entry(EntryGetRequest(seq: seq), actor: TestLedger.root)
            #expect(entry.entry["kind"] == "account.open")
            #expect(entry.entry["actor"] == "coordinator:office-baiyang")
            #expect(entry.entry["key"] == "open-40")
        }
    }

    @Test func openingAnOpenAccountIsAConflict() async throws {
        try await withServer { server in
            let body = Body.of(AccountOpenRequest(account: TestLedger.merchant, scope: TestLedger.baiyang))
            let reply = try await server.send("POST", "/v1/accounts", token: try server.token(TestLedger.root), body: body)
            #expect(reply.status == 409)
            #expect(reply.reason == "account_exists")
        }
    }

    @Test func anAwardIsPricedAndRecordedWithItsKey() async throws {
        try await withServer { server in
            let reply = try await server.send("POST", "/v1/awards", token: try server.token(TestLedger.baiyangOffice), key: "sheet-1:V1", body: Body.award(1))
            #expect(reply.status == 200)
            #expect(reply.json?["points"] == 20)
            #expect(reply.json?["explanation"]?.arrayValue?.isEmpty == false)
            let seq = try #require(reply.json?["seq"]?.integerValue)
            #expect(try server.ledger.service.entry(EntryGetRequest(seq: seq), actor: TestLedger.root).entry["key"] == "sheet-1:V1")
        }
    }

    @Test func theSameKeyAndBodyReturnTheFirstResultAndWriteNothing() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.root)
            let first = try await server.send("POST", "/v1/awards", token: token, key: "k-1", body: Body.award(1))
            let size = try server.ledger.service.info().size
            let again = try await server.send("POST", "/v1/awards", token: token, key: "k-1", body: Body.award(1))
            #expect(again.status == 200)
            #expect(again.body == first.body)
            #expect(try server.ledger.service.info().size == size)
            let other = try await server.send("POST", "/v1/awards", token: token, key: "k-1", body: Body.award(2))
            #expect(other.status == 409)
            #expect(other.reason == "idempotency_conflict")
        }
    }

    @Test func anUnknownCategoryIsUnprocessable() async throws {
        try await withServer { server in
            let reply = try await server.send(
                "POST", "/v1/awards", token: try server.token(TestLedger.root), body: Body.award(1, activity: TestLedger.activity(category: "karaoke")))
            #expect(reply.status == 422)
            #expect(reply.reason == "unknown_category")
        }
    }

    @Test func anAwardToAnUnknownVolunteerIsNotFound() async throws {
        try await withServer { server in
            let reply = try await server.send("POST", "/v1/awards", token: try server.token(TestLedger.root), body: Body.award(404))
            #expect(reply.status == 404)
            #expect(reply.reason == "unknown_account")
        }
    }

    @Test func aReversalUndoesAnAwardOnce() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.baiyangOffice)
            let seq = try await server.award(1, token: token)
            let reply = try await server.send("POST", "/v1/reversals", token: token, body: Body.reverse(seq))
            #expect(reply.status == 200)
            #expect(reply.json?["points"] == 20)
            let entry = try await server.send("GET", "/v1/entries/\(seq)", token: token)
            #expect(entry.json?["reversed_by"] == reply.json?["seq"])
            let twice = try await server.send("POST", "/v1/reversals", token: token, body: Body.reverse(seq))
            #expect(twice.status == 409)
            #expect(twice.reason == "already_reversed")
        }
    }

    @Test func reversingWhatIsNotAnAwardIsUnprocessable() async throws {
        try await withServer { server in
            let reply = try await server.send("POST", "/v1/reversals", token: try server.token(TestLedger.root), body: Body.reverse(0))
            #expect(reply.status == 422)
            #expect(reply.reason == "not_reversible")
        }
    }

    @Test func unknownEntriesAndAccountsAreNotFound() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.root)
            let entry = try await server.send("GET", "/v1/entries/99999", token: token)
            #expect(entry.status == 404)
            #expect(entry.reason == "unknown_entry")
            let reversal = try await server.send("POST", "/v1/reversals", token: token, body: Body.reverse(99999))
            #expect(reversal.reason == "unknown_entry")
            let account = try await server.send("GET", "/v1/accounts/volunteer:V999999", token: token)
            #expect(account.status == 404)
            #expect(account.reason == "unknown_account")
            let proof = try await server.send("GET", "/v1/proofs/consistency?from=1&to=99999", token: token)
            #expect(proof.status == 404)
        }
    }

    @Test func concurrentAwardsAreEachDurableWithDistinctSeqs() async throws {
        try await withServer { server in
            let token = try server.token(TestLedger.root)
            let seqs = try await withThrowingTaskGroup(of: Int64.self) { group in
                for n in 0..<48 {
                    group.addTask { try await server.award(1 + n % 5, token: token, key: "burst-\(n)", activity: TestLedger.activity("burst-\(n)", scope: n % 5 < 3 ? TestLedger.baiyang : TestLedger.jiangbin)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(seqs).count == 48)
            for seq in seqs {
                #expect(try server.ledger.service.entry(EntryGetRequest(seq: seq), actor: TestLedger.root).entry["key"]?.stringValue?.hasPrefix("burst-") == true)
            }
            #expect(try server.ledger.service.verify(VerifyRequest(), actor: TestLedger.root).ok)
        }
    }
}
