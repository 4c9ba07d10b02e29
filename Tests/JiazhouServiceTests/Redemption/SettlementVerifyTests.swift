import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// `verify` catches settlements whose statement is not what their posting
/// did, appended through the trusted bulk path that skips the service's checks.
@Suite struct SettlementVerifyTests {
    private func cafeWithTakings(_ points: Int64) async throws -> RedemptionFixture {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")  // 20
        _ = try await fixture.redeem(points, code: try await fixture.code())
        return fixture
    }

    private func appendSettlement(_ fixture: RedemptionFixture, points: Int64, statedPoints: Int64, throughBack: Int64 = 1) async throws -> [String] {
        let time = fixture.ledger.clock.now()
        let cafe = RedemptionFixture.cafe
        _ = try await fixture.service.appendBatch { writer in
            let seq = writer.head.size
            let data: JSONValue = ["merchant": .string(cafe.text), "points": .integer(statedPoints), "through_seq": .integer(seq - throughBack)]
            try writer.append(
                Entry(seq: seq, prev: writer.head.last, time: time, kind: .settle, actor: TestLedger.root, key: nil,
                    postings: [try Posting(from: cafe, to: .settledSink, points: points)], data: data))
        }
        return try fixture.service.verify(VerifyRequest(semantic: false), actor: TestLedger.root).problems.map(\.problem)
    }

    @Test func aStatementOfOtherPointsThanThePostingMovedIsReported() async throws {
        let fixture = try await cafeWithTakings(12)
        #expect(try await appendSettlement(fixture, points: 12, statedPoints: 15).contains { $0.contains("must move data.points") })
    }

    @Test func aSettlementThatLeavesTakingsUnsettledIsReported() async throws {
        let fixture = try await cafeWithTakings(12)
        #expect(try await appendSettlement(fixture, points: 10, statedPoints: 10).contains { $0.contains("leaves merchant:jiulongxiang-cafe with points unsettled") })
    }

    @Test func aStatementThatStopsShortOfTheEntryBeforeItIsReported() async throws {
        let fixture = try await cafeWithTakings(12)
        #expect(try await appendSettlement(fixture, points: 12, statedPoints: 12, throughBack: 2).contains { $0.contains("through_seq") })
    }

    @Test func theSameSettlementWrittenHonestlyVerifies() async throws {
        let fixture = try await cafeWithTakings(12)
        #expect(try await appendSettlement(fixture, points: 12, statedPoints: 12) == [])
    }
}
