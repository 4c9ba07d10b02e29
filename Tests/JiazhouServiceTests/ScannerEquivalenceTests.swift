import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `verify` reads awards with a scanner instead of parse-and-re-encode. It may
/// decline anything, but it must never accept bytes that `Entry.unseal`
/// refuses, and what it reads must be what `unseal` reads.
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
        return lines
    }

    private func agrees(_ bytes: [UInt8]) -> Bool {
        guard let scanned = Entry.scanAward(bytes) else { return true }  // declining is always allowed
        guard let full = try? Entry(parsingCanonicalBytes: bytes) else { return false }
        return scanned == full && scanned.award != nil && scanned.canonicalBytes == bytes
    }

    @Test func theScannerReadsEveryAwardAsTheGeneralParserDoes() async throws {
        let lines = try await exportedLines()
        var awards = 0
        for line in lines {
            let full = try Entry(parsingCanonicalBytes: line)
            #expect(agrees(line))
            if full.kind == .award {
                #expect(full.award != nil, "an award of this version is typed")
                #expect(Entry.scanAward(line) != nil, "declined an award: \(String(decoding: line, as: UTF8.self))")
                #expect(try Entry(canonicalBytes: line) == full)
                awards += 1
            } else {
                #expect(Entry.scanAward(line) == nil)
            }
        }
        #expect(awards == 5)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func noMutationIsAcceptedThatUnsealRefuses(seed: UInt64) async throws {
        let awards = try await exportedLines().filter { Entry.scanAward($0) != nil }
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
            if Entry.scanAward(bytes) != nil { accepted += 1 }
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
