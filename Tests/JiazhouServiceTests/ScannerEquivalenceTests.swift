import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// Every read of an entry (`verify`, history, import) goes through a scanner
/// instead of parse-and-re-encode, for every kind. It may decline anything,
/// but it must never accept bytes that the general parser refuses, and what
/// it reads must be what the general parser reads.
@Suite struct ScannerEquivalenceTests {
    /// Real entries: awards with Chinese text, escapes and keys, plus the other kinds.
    private func exportedLines() async throws -> [[UInt8]] {
        let ledger = try await TestLedger.make()
        let names = ["环境整治", "line\nbreak \"quoted\" \\ tab\t", "emoji 😀 and U+2028 \u{2028}", "plain"]
        for (i, name) in names.enumerated() {
            let activity = Activity(
                id: "环境整治-\(i)", category: "elder_care", minutes: Int64(30 + i * 45), start: "2026-11-23T08:30:00+08:00", scope: TestLedger.baiyang,
                tags: [name, "银龄", "夜间"])
            let award = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1 + i), activity: activity), actor: TestLedger.root, key: "k\(i)")
            if i == 1 { _ = try await ledger.service.reverse(ReverseRequest(seq: award.seq, reason: "错误"), actor: TestLedger.root, key: nil) }
        }
        _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity("nokey")), actor: TestLedger.root, key: nil)
        var lines: [[UInt8]] = []
        try LedgerService.export(store: ledger.service.store) { lines.append(Array($0.dropLast())) }
        // The vector ledger adds the other kinds a till and an office write:
        // accounts with tags, budget and profile, a batch, a redemption.
        let vectors = try await VectorLedger.make()
        try LedgerService.export(store: vectors.service.store) { lines.append(Array($0.dropLast())) }
        return lines
    }

    private func agrees(_ bytes: [UInt8]) -> Bool {
        guard let scanned = Entry.scan(bytes) else { return true }  // declining is always allowed
        guard let full = try? Entry(parsingCanonicalBytes: bytes) else { return false }
        return scanned == full && scanned.canonicalBytes == bytes && (Entry.scanAward(bytes) != nil) == (scanned.kind == .award)
    }

    @Test func theScannerReadsEveryEntryAsTheGeneralParserDoes() async throws {
        let lines = try await exportedLines()
        var awards = 0
        var kinds: Set<Entry.Kind> = []
        for line in lines {
            let full = try Entry(parsingCanonicalBytes: line)
            #expect(agrees(line))
            #expect(Entry.scan(line) != nil, "declined an entry the product wrote: \(String(decoding: line, as: UTF8.self))")
            #expect(try Entry(canonicalBytes: line) == full)
            kinds.insert(full.kind)
            if full.kind == .award {
                #expect(full.award != nil && Entry.scan(line)?.award != nil, "an award of this version is typed")
                awards += 1
            } else {
                #expect(Entry.scanAward(line) == nil)
            }
        }
        #expect(awards == 5 + 3)
        #expect(kinds == [.genesis, .rulesPublish, .accountOpen, .award, .reverse, .redeem])
    }

    /// `data` of every JSON type the format carries, read by the scanner as
    /// the parser reads it; object names that are not plain ASCII declined.
    @Test func everyJSONTypeInDataReadsAsTheParserReadsIt() throws {
        let data: JSONValue = [
            "null": .null, "yes": .bool(true), "no": .bool(false), "zero": .integer(0), "negative": .integer(-9_007_199_254_740_991),
            "text": .string("引号 \" 反斜杠 \\ 换行 \n 控制 \u{01} \u{7F} 😀"), "empty": .object([:]), "none": .array([]),
            "nested": .array([.array([.integer(1), .object(["a": .string("b"), "B": .null])]), .string("")]),
        ]
        let entry = Entry(
            seq: 7, prev: .zero, time: Timestamp(rfc3339: "2026-12-05T01:02:03.004Z")!, kind: .accountUpdate, actor: .rootOperator, key: "键",
            postings: [], data: data)
        let bytes = entry.canonicalBytes
        #expect(Entry.scan(bytes) == entry)
        #expect(Entry.scan(bytes)?.data == data)
        #expect(try Entry(parsingCanonicalBytes: bytes) == entry)
        let unicodeName = Entry(
            seq: 7, prev: .zero, time: entry.time, kind: .accountUpdate, actor: .rootOperator, key: nil, postings: [], data: ["名字": .string("x")])
        #expect(Entry.scan(unicodeName.canonicalBytes) == nil, "declined, not misread")
        #expect(try Entry(canonicalBytes: unicodeName.canonicalBytes) == unicodeName, "and read by the general parser")
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func noMutationIsAcceptedThatUnsealRefuses(seed: UInt64) async throws {
        let awards = try await exportedLines()
        var rng = SplitMix(seed: seed)
        let alphabet = Array(" \t\n{}[]:,\"\\/-0123456789.eE+abfnrtuxyzAZ".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC0, 0xE4, 0xED, 0xF4, 0xFF]
        var accepted = 0
        for _ in 0..<5_000 {
            var bytes = awards[Int(rng.next() % UInt64(awards.count))]
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                case 2: bytes.remove(at: at)
                default: if at + 1 < bytes.count { bytes.swapAt(at, at + 1) }
                }
            }
            #expect(agrees(bytes), "accepted what unseal refuses: \(String(decoding: bytes, as: UTF8.self))")
            if Entry.scan(bytes) != nil { accepted += 1 }
        }
        // Both branches were exercised: some mutations stay canonical (a digit in
        // a hash), most do not.
        #expect(accepted > 0 && accepted < 2_500)
    }

    @Test func nonCanonicalSpellingsOfAnAwardAreRefusedOrDeclined() async throws {
        let line = String(decoding: try await exportedLines().first { Entry.scanAward($0) != nil }!, as: UTF8.self)
        let variants = [
            line.replacingOccurrences(of: ",\"kind\"", with: ", \"kind\""),
            line.replacingOccurrences(of: "\"v\":1}", with: "\"v\":1.0}"),
            line.replacingOccurrences(of: "\"v\":1}", with: "\"v\":01}"),
            line.replacingOccurrences(of: "环境整治", with: "\\u73af境整治"),
            line.replacingOccurrences(of: "银龄", with: "\\u94f6龄"),
            line.replacingOccurrences(of: "\"minutes\":30", with: "\"minutes\":-0"),
            line.replacingOccurrences(of: "Z\"", with: "+00:00\""),
            line + " ",
        ]
        for variant in variants where variant != line {
            #expect(Entry.scanAward(Array(variant.utf8)) == nil, "\(variant)")
            #expect(agrees(Array(variant.utf8)))
        }
    }
}

extension ScannerEquivalenceTests {
    /// A redemption's `data` is read as JSON by the scanner: each way of
    /// spelling it other than the canonical one is refused or declined.
    @Test func nonCanonicalSpellingsOfARedemptionAreRefusedOrDeclined() async throws {
        let line = String(decoding: try await exportedLines().first { try Entry(parsingCanonicalBytes: $0).kind == .redeem }!, as: UTF8.self)
        #expect(Entry.scan(Array(line.utf8))?.kind == .redeem)
        let variants = [
            line.replacingOccurrences(of: "\"item\":", with: "\"item\" :"),
            line.replacingOccurrences(of: ",\"lots\":[", with: ", \"lots\":["),
            line.replacingOccurrences(of: "\"points\":20,", with: "\"points\":20.0,"),
            line.replacingOccurrences(of: "\"points\":20,", with: "\"points\":2e1,"),
            line.replacingOccurrences(of: "手冲", with: "\\u624b冲"),
            line.replacingOccurrences(of: "咖啡一杯\"", with: "咖啡一杯\\/\""),
            line.replacingOccurrences(of: "\"periods\":{", with: "\"periods\":{\"day\":\"x\","),
            line.replacingOccurrences(of: "{\"code_hash\"", with: "{\"volunteer\":\"volunteer:V000001\",\"code_hash\""),
            line.replacingOccurrences(of: "\"item\":\"手冲咖啡一杯\"", with: "\"item\":\"\\u0009\""),
            line.replacingOccurrences(of: "\"item\":\"手冲咖啡一杯\"", with: "\"item\":True"),
            line.replacingOccurrences(of: "\"item\":\"手冲咖啡一杯\"", with: "\"item\":tru"),
            line.replacingOccurrences(of: "\"item\":\"手冲咖啡一杯\"", with: "\"item\":nul"),
            line.replacingOccurrences(of: "\"kind\":\"redeem\"", with: "\"kind\":\"redeemed\""),
        ]
        for variant in variants {
            #expect(variant != line, "the variant changes the line")
            #expect(Entry.scan(Array(variant.utf8)) == nil, "\(variant)")
            #expect(agrees(Array(variant.utf8)))
        }
    }
}
