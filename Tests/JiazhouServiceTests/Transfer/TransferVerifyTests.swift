import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// `verify` catches transfers that the service would never write, appended
/// through the trusted bulk path that skips its checks.
@Suite struct TransferVerifyTests {
    private func appendUnchecked(_ fixture: RedemptionFixture, _ kind: Entry.Kind, postings: [Posting], data: JSONValue) async throws {
        let time = fixture.ledger.clock.now()
        _ = try await fixture.service.appendBatch { writer in
            try writer.append(
                Entry(seq: writer.head.size, prev: writer.head.last, time: time, kind: kind, actor: TestLedger.root, key: nil, postings: postings, data: data))
        }
    }

    private func problems(_ fixture: RedemptionFixture) throws -> [String] {
        try fixture.service.verify(VerifyRequest(semantic: false), actor: TestLedger.root).problems.map(\.problem)
    }

    private func gift(_ points: Int64, lots: [(Int64, Int64)], lot: JSONValue, to recipient: Int = 2) throws -> (postings: [Posting], data: JSONValue) {
        (
            [try Posting(from: TestLedger.volunteer(1), to: TestLedger.volunteer(recipient), points: points)],
            ["lots": lotList(lots), "lot": lot, "periods": ["day": "2026-11-23"]]
        )
    }

    @Test func aGiftThatOutlivesThePointsItWasMadeOfIsReported() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.dated)
        let award = try await fixture.earn(minutes: 120, activity: "a")
        fixture.ledger.clock.advance(milliseconds: 86_400_000)
        let now = fixture.ledger.clock.now().rfc3339
        let forged = try gift(5, lots: [(award, 5)], lot: ["available": .string(now), "expires": "2099-01-01T00:00:00.000Z"])
        try await appendUnchecked(fixture, .transfer, postings: forged.postings, data: forged.data)
        #expect(try problems(fixture).contains { $0.contains("expire with the earliest lot") })
    }

    @Test func aGiftOfPointsInTheirNoticeIsReported() async throws {
        let fixture = try await RedemptionFixture.make(rules: TestLedger.plainRules + "pending_days: 7\n")
        let award = try await fixture.earn(minutes: 120, activity: "a")
        let forged = try gift(5, lots: [(award, 5)], lot: ["available": .string(fixture.ledger.clock.now().rfc3339)])
        try await appendUnchecked(fixture, .transfer, postings: forged.postings, data: forged.data)
        #expect(try problems(fixture).contains { $0.contains("which was not spendable") })
    }

    @Test func aGiftWhoseLotsDoNotAddUpOrAreNotTheGiversIsReported() async throws {
        let fixture = try await RedemptionFixture.make()
        let own = try await fixture.earn(minutes: 120, activity: "a")
        let others = try await fixture.earn(3, minutes: 120, activity: "b")
        let now = JSONValue.string(fixture.ledger.clock.now().rfc3339)
        let short = try gift(5, lots: [(own, 4)], lot: ["available": now])
        try await appendUnchecked(fixture, .transfer, postings: short.postings, data: short.data)
        let stolen = try gift(5, lots: [(others, 5)], lot: ["available": now])
        try await appendUnchecked(fixture, .transfer, postings: stolen.postings, data: stolen.data)
        let found = try problems(fixture)
        #expect(found.contains { $0.contains("do not add up to the points it gives") })
        #expect(found.contains { $0.contains("which is not volunteer:V000001's") })
    }

    @Test func aReversalThatGivesBackOtherLotsThanTheGiftTookIsReported() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        let first = try await fixture.earn(minutes: 120, activity: "a")
        let second = try await fixture.earn(minutes: 120, activity: "b")
        _ = try await fixture.redeem(15, code: try await fixture.code())  // first: 5 left
        let given = try await fixture.give(10)  // first 5, second 5
        #expect(try fixture.entryData(given.seq)["lots"] == lotList([(first, 5), (second, 5)]))
        try await appendUnchecked(
            fixture, .reverse, postings: [try Posting(from: TestLedger.volunteer(2), to: TestLedger.volunteer(1), points: 10)],
            data: ["seq": .integer(given.seq), "reason": "x", "reversed_kind": "transfer", "lots": lotList([(first, 10)]), "periods": ["day": "2026-11-23"]])
        #expect(try problems(fixture).contains { $0.contains("does not give back the lots transfer \(given.seq) took") })
    }

    @Test func aGiftToAMerchantIsReported() async throws {
        let fixture = try await RedemptionFixture.make()
        let award = try await fixture.earn(minutes: 120, activity: "a")
        try await appendUnchecked(
            fixture, .transfer, postings: [try Posting(from: TestLedger.volunteer(1), to: RedemptionFixture.cafe, points: 5)],
            data: ["lots": lotList([(award, 5)]), "periods": ["day": "2026-11-23"]])
        #expect(try problems(fixture).contains { $0.contains("from one volunteer to another") })
    }
}
