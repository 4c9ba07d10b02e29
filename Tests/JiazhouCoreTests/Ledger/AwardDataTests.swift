import JiazhouCore
import JiazhouTesting
import Testing

/// An award's typed data writes the same canonical bytes as the general
/// encoder writes for its JSON, converts exactly, and reads back from an
/// entry's bytes by the scanner as the general parser reads it.
@Suite struct AwardDataTests {
    static func award(_ rng: inout SplitMix) -> AwardData {
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        func number() -> Int64 { pick([0, 1, 9, 10, 59, 480, 123_456, -15, 9_007_199_254_740_991]) }
        let texts = ["环境整治", "plain", "line\nbreak \"quoted\" \\ tab\t", "emoji 😀 \u{2028}", "", "\u{1F}ctl"]
        let steps = (0..<Int(rng.next() % 4)).map { _ in
            AwardData.Step(rule: pick(["category.environment", "cap.day.minutes", "rule.weekend"]), points: number(), detail: pick(texts), minutes: pick([nil, 30, 0]))
        }
        let time = Timestamp(millisecondsSince1970: 1_795_000_000_000 + Int64(rng.next() % 1_000_000_000))
        return AwardData(
            activity: Activity(
                id: pick(["cleanup-1", "环境整治-2"]), category: pick(["environment", "elder_care"]), minutes: number(), start: "2026-11-23T08:30:00+08:00",
                scope: try! Scope(pick(["shizhong", "shizhong/tongjiang/baiyang"])), tags: (0..<Int(rng.next() % 3)).map { _ in pick(texts) }, title: pick([nil, "重阳节敬老探访", "clean-up \"day\""])),
            volunteer: AccountID(unchecked: .volunteer, pick(["V000001", "V123456"])), minutes: number(),
            rules: .init(version: number(), hash: TreeHasher.sha256([UInt8(rng.next() % 256)])), explanation: steps,
            facts: .init(
                volunteerTags: pick([[], ["silver_age"], ["银龄", "夜间"]]), volunteerMinutes: number(),
                usage: .init(budgetPoints: number(), dayMinutes: number(), dayPoints: number(), monthPoints: number(), weekPoints: number()),
                budget: pick([nil, 5_000, 0])),
            periods: .init(budgetMonth: "2026-11", day: "2026-11-23", month: "2026-11", week: "2026-W48"),
            lot: pick([nil, .init(available: time, expires: nil), .init(available: time, expires: Timestamp(millisecondsSince1970: time.millisecondsSince1970 + 1))]))
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func typedBytesAreTheGeneralEncodersAndReadBack(seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        for n in 0..<300 {
            let award = Self.award(&rng)
            var typed: [UInt8] = []
            award.write(into: &typed)
            #expect(typed == CanonicalJSON.bytes(award.json))
            #expect(AwardData(json: award.json) == award)
            let entry = Entry(
                seq: Int64(n), prev: TreeHasher.sha256([1]), time: Timestamp(millisecondsSince1970: 1_795_000_000_000), actor: .rootOperator,
                key: n % 2 == 0 ? nil : "sheet:\(n)",
                postings: [try Posting(from: AccountID(unchecked: .issuer, "shizhong"), to: award.volunteer, points: 10)], award: award)
            #expect(entry.canonicalBytes == CanonicalJSON.bytes(entry.json))
            let parsed = try Entry(parsingCanonicalBytes: entry.canonicalBytes)
            #expect(parsed == entry)
            #expect(parsed.award == award)
            #expect(Entry.scanAward(entry.canonicalBytes) == entry)
        }
    }

    @Test func anAwardOfAnotherShapeStaysPlainJSONAndKeepsItsBytes() throws {
        // The shape of the first awards (before facts, explanation, periods and lot).
        let old: JSONValue = ["activity": ["id": "a", "category": "environment", "minutes": 60, "start": "2026-11-23T08:30:00+08:00", "scope": "shizhong", "tags": []], "volunteer": "volunteer:V000001", "minutes": 60, "rules": ["version": 1, "hash": .string(String(repeating: "a", count: 64))]]
        let entry = Entry(seq: 3, prev: .zero, time: Timestamp(millisecondsSince1970: 0), kind: .award, actor: .rootOperator, key: nil, postings: [], data: old)
        #expect(entry.award == nil)
        #expect(entry.data == old)
        // The scanner reads it too, as the plain JSON it is.
        #expect(Entry.scan(entry.canonicalBytes) == entry)
        #expect(Entry.scan(entry.canonicalBytes)?.award == nil)
        #expect(try Entry(canonicalBytes: entry.canonicalBytes) == entry)
        #expect(entry.serviceVolunteer == AccountID(unchecked: .volunteer, "V000001"))
        // An extra member, or a time spelled another way, is not this version's shape either.
        var rng = SplitMix(seed: 9)
        var members = Self.award(&rng).json.objectValue!
        members["note"] = "x"
        #expect(AwardData(json: .object(members)) == nil)
        members["note"] = nil
        members["lot"] = ["available": "2026-11-23T08:30:00+08:00"]
        #expect(AwardData(json: .object(members)) == nil)
    }
}
