import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// The naive model of lots of ``LotOracleTests``, with gifts: a seeded mix
/// of awards, redemptions, transfers (each a new lot of the recipient's),
/// reversed redemptions and reversed transfers, against what the ledger maintains.
@Suite struct TransferOracleTests {
    struct ModelLot {
        let seq: Int64
        let volunteer: AccountID
        let points: Int64
        var remaining: Int64
        let available: Timestamp
    }

    static let rules = TestLedger.plainRules + "pending_days: 1\ntransfer: {allowed: true}\n"

    @Test(arguments: [UInt64(11), 12])
    func maintainedLotsMatchANaiveModelWithGifts(seed: UInt64) async throws {
        let fixture = try await RedemptionFixture.make(rules: Self.rules)
        var rng = SplitMix(seed: seed)
        var lots: [ModelLot] = []
        var undoable: [(seq: Int64, taken: [(Int64, Int64)], isGift: Bool)] = []
        var (gifts, spent, undone) = (0, 0, 0)
        func take(_ points: Int64, from id: AccountID, now: Timestamp) -> [(Int64, Int64)] {
            var left = points
            var taken: [(Int64, Int64)] = []
            for index in lots.indices where left > 0 && lots[index].volunteer == id && lots[index].available <= now && lots[index].remaining > 0 {
                let amount = min(left, lots[index].remaining)
                lots[index].remaining -= amount
                left -= amount
                taken.append((lots[index].seq, amount))
            }
            return taken
        }
        for step in 0..<240 {
            let volunteer = 1 + Int(rng.next() % 3)
            let id = TestLedger.volunteer(volunteer)
            let now = fixture.ledger.clock.now()
            let spendable = lots.filter { $0.volunteer == id && $0.available <= now }.reduce(0) { $0 + $1.remaining }
            switch rng.next() % 10 {
            case 0..<3:
                let seq = try await fixture.earn(volunteer, minutes: Int64(6 + rng.next() % 240), activity: "s\(step)")
                guard let lot = try fixture.entryData(seq)["lot"], let points = try fixture.service.entry(EntryGetRequest(seq: seq), actor: TestLedger.root)
                    .entry["postings"]?.arrayValue?.first?["points"]?.integerValue
                else { continue }
                lots.append(ModelLot(seq: seq, volunteer: id, points: points, remaining: points, available: try #require(lot["available"]?.stringValue.flatMap(Timestamp.init(rfc3339:)))))
            case 3..<6:
                guard spendable > 0 else { continue }
                let recipient = 1 + (volunteer + Int(rng.next() % 2)) % 3
                let points = Int64(1 + rng.next() % UInt64(spendable))
                let taken = take(points, from: id, now: now)
                let gift = try await fixture.give(points, from: volunteer, to: recipient)
                #expect(try fixture.entryData(gift.seq)["lots"] == lotList(taken), "step \(step)")
                lots.append(ModelLot(seq: gift.seq, volunteer: TestLedger.volunteer(recipient), points: points, remaining: points, available: now))
                undoable.append((gift.seq, taken, true))
                gifts += 1
            case 6..<8:
                guard spendable > 0 else { continue }
                let points = Int64(1 + rng.next() % UInt64(spendable))
                let taken = take(points, from: id, now: now)
                let result = try await fixture.redeem(points, code: try await fixture.code(volunteer))
                #expect(try fixture.entryData(result.seq)["lots"] == lotList(taken), "step \(step)")
                undoable.append((result.seq, taken, false))
                spent += 1
            case 8:
                guard !undoable.isEmpty else { continue }
                let index = Int(rng.next() % UInt64(undoable.count))
                let entry = undoable[index]
                let request = ReverseRequest(seq: entry.seq, reason: "oracle \(step)")
                if entry.isGift {
                    let lot = lots.firstIndex { $0.seq == entry.seq }!
                    guard lots[lot].remaining == lots[lot].points else {
                        #expect(await refusal { try await fixture.service.reverse(request, actor: TestLedger.root, key: nil) } == .insufficient_points)
                        continue
                    }
                    lots[lot].remaining = 0
                }
                _ = try await fixture.service.reverse(request, actor: TestLedger.root, key: nil)
                for (seq, points) in entry.taken { lots[lots.firstIndex { $0.seq == seq }!].remaining += points }
                undoable.remove(at: index)
                undone += 1
            default:
                fixture.ledger.clock.advance(milliseconds: Int64(rng.next() % 12) * 3_600_000)
            }
        }
        #expect(gifts > 20 && spent > 10 && undone > 5, "the mix exercised too little: \(gifts) gifts, \(spent) spent, \(undone) undone")
        for volunteer in 1...3 {
            let modelled = lots.filter { $0.volunteer == TestLedger.volunteer(volunteer) && $0.remaining > 0 }
            #expect(try fixture.remaining(volunteer) == Dictionary(uniqueKeysWithValues: modelled.map { ($0.seq, $0.remaining) }))
            #expect(try fixture.balance(TestLedger.volunteer(volunteer)) == modelled.reduce(0) { $0 + $1.remaining })
        }
        #expect(try fixture.verifies())
    }
}
