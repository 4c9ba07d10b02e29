import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// `Ledger/vectors/ledger.json` is what the product writes: the entries of
/// ``VectorLedger`` as this build writes them, their leaf hashes, the root
/// after each size and the signed checkpoint. When a payload changes on
/// purpose, regenerate it with
/// `JIAZHOU_WRITE_VECTORS=1 swift test --filter LedgerVectorTests` and
/// check it with `python3 Ledger/vectors/generate.py --check-ledger`.
@Suite struct LedgerVectorTests {
    struct Vectors: Codable, Equatable {
        var source: String
        var origin: String
        var verifierKey: String
        var entries: [Item]
        var roots: [Root]
        var checkpoint: String

        struct Item: Codable, Equatable {
            var canonical: String
            var leafHash: String
        }

        struct Root: Codable, Equatable {
            var size: Int
            var root: String
        }
    }

    static var path: String { RepositoryFiles.root().appendingPathComponent("Ledger/vectors/ledger.json").path }

    static func written() async throws -> Vectors {
        let (service, _) = try await VectorLedger.make()
        var lines: [[UInt8]] = []
        try LedgerService.export(store: service.store) { lines.append(Array($0.dropLast())) }
        var range = CompactRange(suite: .sha256Ed25519)
        var items: [Vectors.Item] = []
        var roots: [Vectors.Root] = []
        for line in lines {
            let hash = TreeHasher.leafHash(line)
            range.append(hash)
            items.append(.init(canonical: String(decoding: line, as: UTF8.self), leafHash: hash.hex))
            roots.append(.init(size: items.count, root: range.root.hex))
        }
        let info = try service.info()
        return Vectors(
            source: "Written by jiazhou itself (Sources/JiazhouTesting/VectorLedger.swift): a real ledger's entries, canonical bytes "
                + "(RFC 8785), leaf hashes SHA-256(0x00 || canonical), RFC 9162 roots after each size, and the checkpoint its key signed. "
                + "Checked independently by Ledger/vectors/generate.py --check-ledger.",
            origin: VectorLedger.origin, verifierKey: info.verifierKey, entries: items, roots: roots, checkpoint: info.checkpoint ?? "")
    }

    @Test func theVectorFileIsWhatTheProductWrites() async throws {
        let written = try await Self.written()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if ProcessInfo.processInfo.environment["JIAZHOU_WRITE_VECTORS"] == "1" {
            try (encoder.encode(written) + Data("\n".utf8)).write(to: URL(fileURLWithPath: Self.path))
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let stored = try decoder.decode(Vectors.self, from: Data(contentsOf: URL(fileURLWithPath: Self.path)))
        #expect(stored.entries == written.entries, "regenerate Ledger/vectors/ledger.json (JIAZHOU_WRITE_VECTORS=1) if the change is on purpose")
        #expect(stored.roots == written.roots)
        #expect(stored.verifierKey == written.verifierKey)
        // The checkpoint signs the last root with the vector ledger's key.
        let verifier = try HashSuite.sha256Ed25519.verifier(verifierKey: stored.verifierKey)
        let signed = try Checkpoint.verified(note: stored.checkpoint, by: verifier)
        #expect(signed.size == Int64(stored.entries.count))
        #expect(signed.root.hex == stored.roots.last?.root)
    }

    @Test func theVectorsHoldEveryKindOfAwardDataAndVerify() async throws {
        let (service, _) = try await VectorLedger.make()
        #expect(try service.verify(VerifyRequest(semantic: true), actor: .rootOperator).ok)
        let entries = try await Self.written().entries.map { try Entry(canonicalBytes: Array($0.canonical.utf8)) }
        let awards = entries.compactMap(\.award)
        #expect(awards.count == 3)
        #expect(awards.contains { $0.activity.title == "重阳节敬老院探访" && $0.lot != nil && !$0.explanation.isEmpty })
        #expect(Set(entries.map(\.kind)) == [.genesis, .rulesPublish, .accountOpen, .award, .reverse, .redeem])
    }
}
