import JiazhouCore
import JiazhouTesting
import Testing

/// A redemption's and an opening's typed data write the same canonical bytes
/// as the general encoder writes for their JSON, convert exactly, and read
/// back from an entry's bytes by the scanner as the general parser reads
/// them; data of another shape stays plain JSON and keeps its bytes.
@Suite struct TypedPayloadTests {
    static let texts = ["茶叶蛋", "plain", "line\nbreak \"quoted\" \\ tab\t", "emoji 😀 \u{2028}", "", "\u{1F}ctl"]

    static func redemption(_ rng: inout SplitMix) -> RedeemData {
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        let lots = (0..<Int(rng.next() % 4)).map { _ in RedeemData.TakenLot(seq: pick([0, 7, 10_006, 9_007_199_254_740_991]), points: pick([1, 25, -3, 480])) }
        return RedeemData(
            volunteer: AccountID(unchecked: .volunteer, pick(["V000001", "V123456"])), codeHash: TreeHasher.sha256([UInt8(rng.next() % 256)]),
            item: pick([nil] + texts.map(Optional.some)), lots: lots, day: pick(["2026-12-07", "2027-01-01"]), catalogueSeq: pick([nil, 0, 42]))
    }

    static func opening(_ rng: inout SplitMix) -> AccountOpenData {
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        return AccountOpenData(
            account: pick([AccountID(unchecked: .volunteer, "V000001"), AccountID(unchecked: .issuer, "shizhong"), AccountID(unchecked: .merchant, "tea-house")]),
            scope: pick(["shizhong", "shizhong/tongjiang/baiyang/g01"]), tags: (0..<Int(rng.next() % 3)).map { _ in pick(texts) },
            budget: pick([nil, 0, 5_000]), profile: pick([nil, TreeHasher.sha256([UInt8(rng.next() % 256)])]))
    }

    static func entry(_ n: Int, kind: Entry.Kind, data: JSONValue, postings: [Posting]) -> Entry {
        Entry(
            seq: Int64(n), prev: TreeHasher.sha256([2]), time: Timestamp(millisecondsSince1970: 1_796_000_000_000), kind: kind, actor: .rootOperator,
            key: n % 2 == 0 ? nil : "till:\(n)", postings: postings, data: data)
    }

    /// The typed entry, written and read back every way there is.
    static func expectReadsBack(_ entry: Entry) throws {
        #expect(entry.canonicalBytes == CanonicalJSON.bytes(entry.json))
        #expect(try Entry(parsingCanonicalBytes: entry.canonicalBytes) == entry)
        #expect(Entry.scan(entry.canonicalBytes) == entry)
        #expect(try Entry(canonicalBytes: entry.canonicalBytes) == entry)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func aRedemptionsTypedBytesAreTheGeneralEncodersAndReadBack(seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        for n in 0..<300 {
            let redemption = Self.redemption(&rng)
            var typed: [UInt8] = []
            redemption.write(into: &typed)
            #expect(typed == CanonicalJSON.bytes(redemption.json))
            #expect(RedeemData(json: redemption.json) == redemption)
            let postings = [try Posting(from: redemption.volunteer, to: AccountID(unchecked: .merchant, "tea-house"), points: 5)]
            let entry = Self.entry(n, kind: .redeem, data: redemption.json, postings: postings)
            #expect(entry.redemption == redemption)
            #expect(entry.serviceVolunteer == redemption.volunteer)
            #expect(entry.recordedLots.map(\.seq) == redemption.lots.map(\.seq))
            #expect(entry.redemptionDay == redemption.day)
            try Self.expectReadsBack(entry)
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func anOpeningsTypedBytesAreTheGeneralEncodersAndReadBack(seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        for n in 0..<300 {
            let opening = Self.opening(&rng)
            var typed: [UInt8] = []
            opening.write(into: &typed)
            #expect(typed == CanonicalJSON.bytes(opening.json))
            #expect(AccountOpenData(json: opening.json) == opening)
            let entry = Self.entry(n, kind: .accountOpen, data: opening.json, postings: [])
            #expect(entry.opening == opening)
            try Self.expectReadsBack(entry)
        }
    }

    @Test func dataOfAnotherShapeStaysPlainJSONAndKeepsItsBytes() throws {
        var rng = SplitMix(seed: 5)
        let merchant = AccountID(unchecked: .merchant, "tea-house")
        var redemption = Self.redemption(&rng).json.objectValue!
        let postings = [try Posting(from: AccountID(unchecked: .volunteer, "V000001"), to: merchant, points: 5)]
        // An extra member; a code hash in capitals; a lot with a third member; no periods.
        let variants: [[String: JSONValue]] = [
            redemption.merging(["note": "x"]) { $1 },
            redemption.merging(["code_hash": .string(String(repeating: "A", count: 64))]) { $1 },
            redemption.merging(["lots": [["points": 1, "seq": 2, "extra": true]]]) { $1 },
            redemption.filter { $0.key != "periods" },
        ]
        for (n, data) in variants.enumerated() {
            let entry = Self.entry(n, kind: .redeem, data: .object(data), postings: postings)
            #expect(entry.redemption == nil)
            #expect(entry.data == .object(data))
            try Self.expectReadsBack(entry)
        }
        // A redemption's shape under another kind is that kind's plain JSON.
        redemption["volunteer"] = "volunteer:V000001"
        let settle = Self.entry(1, kind: .settle, data: .object(redemption), postings: [])
        #expect(settle.redemption == nil)
        try Self.expectReadsBack(settle)

        // An opening without tags, or with a malformed budget, is plain JSON;
        // what can be read of it still is.
        let untagged: JSONValue = ["account": "volunteer:V000002", "scope": "shizhong"]
        let entry = Self.entry(2, kind: .accountOpen, data: untagged, postings: [])
        #expect(entry.data == untagged)
        #expect(entry.opening == AccountOpenData(account: AccountID(unchecked: .volunteer, "V000002"), scope: "shizhong", tags: [], budget: nil, profile: nil))
        try Self.expectReadsBack(entry)
        let oddBudget: JSONValue = ["account": "issuer:shizhong", "scope": "shizhong", "tags": [], "budget": "lots"]
        let odd = Self.entry(3, kind: .accountOpen, data: oddBudget, postings: [])
        #expect(odd.opening?.budget == nil)
        try Self.expectReadsBack(odd)
        // No account id: nothing to read.
        #expect(Self.entry(4, kind: .accountOpen, data: ["account": "nobody", "scope": "shizhong", "tags": []], postings: []).opening == nil)
    }
}
