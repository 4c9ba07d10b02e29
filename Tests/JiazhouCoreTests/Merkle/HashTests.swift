import Foundation
import JiazhouCore
import JiazhouTesting
import Testing

@Suite("Hash")
struct HashTests {
    private static let hex = "6aa557f2f04d887dbadbab6b6f8f33014a42f10d24c4c45e433b2d58a3294953"

    @Test func lowercaseHexRoundTrips() throws {
        let hash = try #require(Hash(hex: Self.hex))
        #expect(hash.hex == Self.hex)
        #expect(hash.bytes == bytes(hex: Self.hex))
    }

    @Test(arguments: [
        hex.uppercased(),  // hashes are lowercase hex on the wire
        String(hex.dropLast(2)),  // 31 bytes
        hex + "00",  // 33 bytes
        String(hex.dropLast()),  // odd length
        String(hex.dropLast()) + "g",  // not hex
        "",
    ])
    func anythingButSixtyFourLowercaseHexDigitsIsRejected(_ text: String) {
        #expect(Hash(hex: text) == nil)
    }

    @Test func onlyThirtyTwoBytesMakeAHash() {
        #expect(Hash(bytes: [UInt8](repeating: 7, count: 31)) == nil)
        #expect(Hash(bytes: [UInt8](repeating: 7, count: 33)) == nil)
        #expect(Hash(bytes: [UInt8](repeating: 7, count: 32))?.bytes == [UInt8](repeating: 7, count: 32))
    }

    @Test func zeroIsSixtyFourZeroDigits() {
        #expect(Hash.zero.hex == String(repeating: "0", count: 64))
    }

    /// Held as four words, a hash still orders, compares and spells itself
    /// as its bytes do: proofs and tiles sort by it, and verify compares
    /// stored bytes with it.
    @Test func aHashOrdersComparesAndSpellsItselfAsItsBytes() throws {
        var rng = SplitMix(seed: 11)
        let byteSets: [[UInt8]] = (0..<200).map { n in
            // Some share long prefixes, so that every word decides an order somewhere.
            (0..<32).map { i in i < n % 33 ? 0x5A : UInt8(truncatingIfNeeded: rng.next()) }
        }
        let hashes = try byteSets.map { try #require(Hash(bytes: $0)) }
        for (bytes, hash) in zip(byteSets, hashes) {
            #expect(hash.bytes == bytes)
            #expect(hash.hex == bytes.map { String(format: "%02x", $0) }.joined())
            #expect(Hash(hex: hash.hex) == hash)
            #expect(bytes.withUnsafeBytes { hash.isSpelled(by: $0) })
            #expect(!Array(bytes.dropLast()).withUnsafeBytes { hash.isSpelled(by: $0) })
            #expect(Hash(bytes: bytes[...]) == hash)
            var written: [UInt8] = []
            hash.writeHex(into: &written)
            #expect(written == Array(hash.hex.utf8))
        }
        for (a, b) in zip(zip(byteSets, hashes), zip(byteSets, hashes).dropFirst()) {
            #expect((a.1 < b.1) == a.0.lexicographicallyPrecedes(b.0))
            #expect((a.1 == b.1) == (a.0 == b.0))
        }
        #expect(hashes.sorted().map(\.bytes) == byteSets.sorted { $0.lexicographicallyPrecedes($1) })
    }
}

