import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// `verify` catches redemptions and reversals that the service would never
/// write, appended here through the trusted bulk path that skips its checks.
@Suite struct RedemptionVerifyTests {
    private func appendUnchecked(_ fixture: RedemptionFixture, _ kind: Entry.Kind, actor: AccountID, postings: [Posting], data: JSONValue) async throws {
        let time = fixture.ledger.clock.now()
        _ = try await fixture.service.appendBatch { writer in
            try writer.append(Entry(seq: writer.head.size, prev: writer.head.last, time: time, kind: kind, actor: actor, key: nil, postings: postings, data: data))
        }
    }

    private func problems(_ fixture: RedemptionFixture) throws -> [String] {
        try fixture.service.verify(VerifyRequest(semantic: false), actor: TestLedger.root).problems.map(\.problem)
    }

    @Test func aRedemptionThatSpendsPointsInTheirNoticeIsReported() async throws {
        let fixture = try await RedemptionFixture.make(rules: TestLedger.defaultRules)
        let award = try await fixture.earn(minutes: 120, activity: "a")
        let volunteer = TestLedger.volunteer(1)
        try await appendUnchecked(
            fixture, .redeem, actor: RedemptionFixture.cafe, postings: [try Posting(from: volunteer, to: RedemptionFixture.cafe, points: 5)],
            data: ["volunteer": .string(volunteer.text), "code_hash": .string(Hash.zero.hex), "lots": lotList([(award, 5)]), "periods": ["day": "2026-11-23"]])
        #expect(try problems(fixture).contains { $0.contains("which was not spendable") })
    }

    @Test func aRedemptionWhoseLotsDoNotAddUpIsReported() async throws {
        let fixture = try await RedemptionFixture.make()
        let award = try await fixture.earn(minutes: 120, activity: "a")
        let volunteer = TestLedger.volunteer(1)
        try await appendUnchecked(
            fixture, .redeem, actor: RedemptionFixture.cafe, postings: [try Posting(from: volunteer, to: RedemptionFixture.cafe, points: 5)],
            data: ["volunteer": .string(volunteer.text), "code_hash": .string(Hash.zero.hex), "lots": lotList([(award, 4)]), "periods": ["day": "2026-11-23"]])
        let found = try problems(fixture)
        #expect(found.contains { $0.contains("do not add up") })
        #expect(found.contains { $0.contains("its lots hold") }, "the balance and the lots part ways too")
    }

    @Test func aReversalIntoOtherLotsThanItsRedemptionTookIsReported() async throws {
        let fixture = try await RedemptionFixture.make()
        let first = try await fixture.earn(minutes: 120, activity: "a")
        let second = try await fixture.earn(minutes: 120, activity: "b")
        _ = try await fixture.redeem(5, code: try await fixture.code())  // first 15 left
        let spent = try await fixture.redeem(20, code: try await fixture.code())  // first 15, second 5
        #expect(try fixture.entryData(spent.seq)["lots"] == lotList([(first, 15), (second, 5)]))
        let volunteer = TestLedger.volunteer(1)
        try await appendUnchecked(
            fixture, .reverse, actor: TestLedger.root, postings: [try Posting(from: RedemptionFixture.cafe, to: volunteer, points: 20)],
            data: [
                "seq": .integer(spent.seq), "reason": "forged", "reversed_kind": "redeem", "volunteer": .string(volunteer.text),
                "lots": lotList([(first, 20)]), "periods": ["day": "2026-11-23"],
            ])
        #expect(try problems(fixture).contains { $0.contains("does not give back the lots") })
    }

    @Test func anHonestDayOfRedemptionsAndReversalsVerifies() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")
        let spent = try await fixture.redeem(12, code: try await fixture.code())
        _ = try await fixture.service.reverse(ReverseRequest(seq: spent.seq, reason: "退货"), actor: RedemptionFixture.cafe, key: nil)
        _ = try await fixture.redeem(7, code: try await fixture.code())
        #expect(try problems(fixture) == [])
    }
}
