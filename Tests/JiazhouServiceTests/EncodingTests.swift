import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// The service hashes requests and stores results through JSONValueEncoder;
/// it must give exactly what Foundation's JSONEncoder gives, parsed.
@Suite struct EncodingTests {
    private func both(_ value: some Encodable) throws -> (JSONValue, JSONValue) {
        let fast = try JSONValueEncoder().encode(value)
        let foundation = try JSONParser.parse(Array(try JSONEncoder().encode(value)))
        return (fast, foundation)
    }

    @Test func requestsAndResultsEncodeAsFoundationEncodesThem() async throws {
        let ledger = try await TestLedger.make()
        let award = AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity())
        let result = try await ledger.service.award(award, actor: TestLedger.root, key: "k")
        let open = AccountOpenRequest(account: TestLedger.volunteer(9), scope: TestLedger.baiyang, tags: ["银龄"], profile: ["name": "李", "n": [1, true, nil]])
        let view = try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        let history = try ledger.service.history(AccountHistoryRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        let entry = try ledger.service.entry(EntryGetRequest(seq: result.seq), actor: TestLedger.root)
        let info = try ledger.service.info()
        for (fast, foundation) in [
            try both(award), try both(result), try both(open), try both(view), try both(history), try both(entry), try both(info),
            try both(ReverseRequest(seq: 3, reason: "错误")), try both(AccountHistoryRequest(account: TestLedger.volunteer(1))),
        ] {
            #expect(fast == foundation)
        }
    }

    @Test func absentOptionalsAreOmittedAndFloatsRefused() throws {
        struct Sample: Encodable {
            var a: Int64? = nil
            var b: [Int64?] = [1, nil]
            var c: Double = 1.5
        }
        #expect(throws: (any Error).self) { try JSONValueEncoder().encode(Sample()) }
        struct NoFloat: Encodable {
            var a: Int64? = nil
            var b: [Int64?] = [1, nil]
        }
        #expect(try JSONValueEncoder().encode(NoFloat()) == ["b": [1, nil]])
    }
}
