import Foundation
import JiazhouCore
import Testing

/// `Ledger/vectors/chain.json`: eight entries, their canonical bytes, leaf
/// hashes, `prev` links and the roots after each size.
struct ChainVectors: Decodable, Sendable {
    struct Item: Decodable, Sendable, CustomTestStringConvertible {
        var entry: JSONValue
        var canonical: String
        var leafHash: String
        var testDescription: String { "seq \(entry["seq"]?.integerValue ?? -1)" }
    }

    struct Root: Decodable, Sendable {
        var size: Int
        var root: String
        var rootBase64: String
    }

    var origin: String
    var entries: [Item]
    var roots: [Root]

    static func load() throws -> Self { try Vectors.load("chain.json") }

    /// Every entry parsed with ``Entry/init(json:)``.
    func parsedEntries() throws -> [Entry] { try entries.map { try Entry(json: $0.entry) } }
}

@Suite("chain.json known answers")
struct ChainVectorTests {
    @Test(arguments: try ChainVectors.load().entries)
    func anEntryParsesAndSealsToItsCanonicalBytesAndLeafHash(_ item: ChainVectors.Item) throws {
        let entry = try Entry(json: item.entry)
        let sealed = entry.sealed(using: .sha256Ed25519)
        #expect(sealed.bytes == Array(item.canonical.utf8))
        #expect(sealed.leafHash.hex == item.leafHash)
        #expect(entry.json == item.entry)
        // The generic JSON path agrees with the typed one.
        #expect(item.entry.canonicalBytes == sealed.bytes)
    }

    @Test(arguments: try ChainVectors.load().entries)
    func unsealingTheCanonicalBytesRoundTrips(_ item: ChainVectors.Item) throws {
        let sealed = try Entry.unseal(Array(item.canonical.utf8), using: .sha256Ed25519)
        #expect(sealed.entry == (try Entry(json: item.entry)))
        #expect(sealed.bytes == Array(item.canonical.utf8))
        #expect(sealed.leafHash.hex == item.leafHash)
        #expect(sealed == sealed.entry.sealed(using: .sha256Ed25519))
    }

    @Test func everyPrevIsThePreviousEntrysLeafHash() throws {
        let entries = try ChainVectors.load().parsedEntries()
        try #require(entries.count == 8)
        #expect(entries[0].prev == Hash.zero)
        for (previous, entry) in zip(entries, entries.dropFirst()) {
            #expect(entry.prev == previous.sealed(using: .sha256Ed25519).leafHash, "seq \(entry.seq)")
            #expect(entry.seq == previous.seq + 1)
        }
    }

    @Test func theRootAfterEverySizeMatches() throws {
        let vectors = try ChainVectors.load()
        let entries = try vectors.parsedEntries()
        try #require(vectors.roots.map(\.size) == Array(1...entries.count))
        var range = CompactRange(suite: .sha256Ed25519)
        for (entry, expected) in zip(entries, vectors.roots) {
            range.append(entry.sealed(using: .sha256Ed25519).leafHash)
            #expect(range.root.hex == expected.root, "size \(expected.size)")
            #expect(Data(range.root.bytes).base64EncodedString() == expected.rootBase64)
        }
    }

    /// README point 4: entries 0, 1 and 3 have no `key` member at all.
    @Test func anAbsentKeyStaysAbsent() throws {
        let entries = try ChainVectors.load().parsedEntries()
        #expect(entries.filter { $0.key == nil }.map(\.seq) == [0, 1, 3])
        #expect(entries[0].json["key"] == nil)
    }

    @Test func replayingTheChainGivesBalancesThatSumToZero() throws {
        let entries = try ChainVectors.load().parsedEntries()
        var balances: [AccountID: Int64] = [:]
        for entry in entries {
            let deltas = entry.effects
            #expect(deltas.values.reduce(0) { $0 + $1.balance } == 0, "seq \(entry.seq)")
            for (account, delta) in deltas { balances[account, default: 0] += delta.balance }
        }
        #expect(balances[try AccountID("issuer:shizhong/tongjiang/baiyang")] == -20)
        #expect(balances[try AccountID("volunteer:V000001")] == 15)
        #expect(balances[try AccountID("merchant:jiulongxiang-cafe")] == 5)
    }
}
