import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// A naive model of lots — an array, spent oldest first, skipping lots
/// still in their notice, reversals putting back what was taken — against
/// what the ledger maintains, after a seeded random mix of awards,
/// redemptions (some refused), their reversals and passing time.
@Suite struct LotOracleTests {
    struct ModelLot {
        let seq: Int64
        let volunteer: AccountID
        let points: Int64
        var remaining: Int64
        let available: Timestamp
    }

    static let rules = TestLedger.plainRules + "pending_days: 1\n"

    @Test(arguments: [UInt64(7), 8, 9])
    func maintainedLotsMatchANaiveModel(seed: UInt64) async throws {
        let fixture = try await RedemptionFixture.make(rules: Self.rules)
        let service = fixture.service
        var rng = SplitMix(seed: seed)
        var lots: [ModelLot] = []
        var redemptions: [(seq: Int64, taken: [(Int64, Int64)])] = []
        var (spent, refused, reversals) = (0, 0, 0)
        for step in 0..<240 {
            let volunteer = 1 + Int(rng.next() % 3)
            let id = TestLedger.volunteer(volunteer)
            switch rng.next() % 10 {
            case 0..<4:
                let seq = try await fixture.earn(volunteer, minutes: Int64(6 + rng.next() % 240), activity: "s\(step)")
                let data = try fixture.entryData(seq)
                let points = try service.entry(EntryGetRequest(seq: seq), actor: TestLedger.root).entry["postings"]?.arrayValue?.first?["points"]?.integerValue ?? 0
                let available = try #require(data["lot"]?["available"]?.stringValue.flatMap(Timestamp.init(rfc3339:)))
                lots.append(ModelLot(seq: seq, volunteer: id, points: points, remaining: points, available: available))
            case 4..<8:
                let now = fixture.ledger.clock.now()
                let spendable = lots.filter { $0.volunteer == id && $0.available <= now }.reduce(0) { $0 + $1.remaining }
                let points = Int64(1 + rng.next() % UInt64(spendable + 10))
                let code = try await fixture.code(volunteer)
                guard points <= spendable else {
                    #expect(await refusal { try await fixture.redeem(points, code: code) } == .insufficient_points, "step \(step)")
                    refused += 1
                    continue
                }
                var left = points
                var taken: [(Int64, Int64)] = []
                for index in lots.indices where left > 0 && lots[index].volunteer == id && lots[index].available <= now && lots[index].remaining > 0 {
                    let take = min(left, lots[index].remaining)
                    lots[index].remaining -= take
                    left -= take
                    taken.append((lots[index].seq, take))
                }
                let result = try await fixture.redeem(points, code: code, at: rng.next() % 2 == 0 ? RedemptionFixture.cafe : RedemptionFixture.teahouse)
                #expect(try fixture.entryData(result.seq)["lots"] == lotList(taken), "step \(step)")
                redemptions.append((result.seq, taken))
                spent += 1
            case 8:
                guard !redemptions.isEmpty else { continue }
                let returned = redemptions.remove(at: Int(rng.next() % UInt64(redemptions.count)))
                _ = try await service.reverse(ReverseRequest(seq: returned.seq, reason: "oracle \(step)"), actor: TestLedger.root, key: nil)
                for (seq, points) in returned.taken { lots[lots.firstIndex { $0.seq == seq }!].remaining += points }
                reversals += 1
            default:
                fixture.ledger.clock.advance(milliseconds: Int64(rng.next() % 12) * 3_600_000)
            }
        }
        #expect(spent > 20 && refused > 5 && reversals > 5, "the mix exercised too little: \(spent) spent, \(refused) refused, \(reversals) reversals")
        for volunteer in 1...3 {
            let modelled = lots.filter { $0.volunteer == TestLedger.volunteer(volunteer) && $0.remaining > 0 }
            #expect(try fixture.remaining(volunteer) == Dictionary(uniqueKeysWithValues: modelled.map { ($0.seq, $0.remaining) }))
            #expect(try fixture.balance(TestLedger.volunteer(volunteer)) == modelled.reduce(0) { $0 + $1.remaining })
        }
        #expect(try fixture.verifies())
    }
}
