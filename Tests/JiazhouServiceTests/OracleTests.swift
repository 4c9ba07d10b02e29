import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// Replays the exported postings naively and compares with what the ledger
/// maintains, after a seeded random mix of awards and reversals.
@Suite struct OracleTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func maintainedBalancesMatchANaiveReplayOfThePostings(seed: UInt64) async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        var rng = SplitMix(seed: seed)
        let categories = ["environment", "elder_care", "home_visit", "culture", "outreach"]
        var awarded: [Int64] = []
        for step in 0..<300 {
            if !awarded.isEmpty, rng.next() % 5 == 0 {
                let seq = awarded.remove(at: Int(rng.next() % UInt64(awarded.count)))
                _ = try await ledger.service.reverse(ReverseRequest(seq: seq, reason: "oracle \(step)"), actor: TestLedger.root, key: nil)
            } else {
                let activity = TestLedger.activity(
                    "s\(step)", category: categories[Int(rng.next() % 5)], minutes: Int64(1 + rng.next() % 480),
                    scope: rng.next() % 2 == 0 ? TestLedger.baiyang : TestLedger.jiangbin)
                let result = try await ledger.service.award(
                    AwardRequest(volunteer: TestLedger.volunteer(1 + Int(rng.next() % 5)), activity: activity), actor: TestLedger.root, key: nil)
                awarded.append(result.seq)
            }
        }
        var balances: [String: Int64] = [:]
        try LedgerService.export(store: ledger.service.store) { line in
            let entry = try JSONParser.parse(Array(line.dropLast()))
            for posting in entry["postings"]?.arrayValue ?? [] {
                let points = posting["points"]!.integerValue!
                balances[posting["from"]!.stringValue!, default: 0] -= points
                balances[posting["to"]!.stringValue!, default: 0] += points
            }
        }
        #expect(balances.values.reduce(0, +) == 0)
        for (id, balance) in balances {
            let view = try ledger.service.account(AccountGetRequest(account: AccountID(id)), actor: TestLedger.root)
            #expect(view.balance == balance, "\(id)")
        }
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }
}
