import JiazhouCore
import JiazhouNationalCrypto
import Testing

/// RFC 9162 trees with SM3 in place of SHA-256, over merkle.json's test leaves.
@Suite("SM3 tree hashes known answers")
struct SM3MerkleTests {
    @Test func leafHashesAreSM3OfZeroThenTheLeaf() throws {
        let vectors = try SMVectors.load().sm3Merkle
        for (leaf, expected) in zip(vectors.leavesHex, vectors.leafHashes) {
            #expect(try SM3.leafHash(bytes(hex: leaf)).hex == expected)
            #expect(try SM3.leafHash(bytes(hex: leaf)) == Hash(bytes: SM3.hash([0x00] + bytes(hex: leaf))))
        }
        #expect(vectors.leafHashes.count == 8)
    }

    @Test func aNodeHashIsSM3OfOneThenBothChildren() throws {
        let example = try SMVectors.load().sm3Merkle.nodeHashExample
        let left = try #require(Hash(hex: example.left))
        let right = try #require(Hash(hex: example.right))
        #expect(try SM3.nodeHash(left, right).hex == example.hash)
        #expect(try SM3.nodeHash(right, left).hex != example.hash, "order matters")
    }

    @Test func theEmptyTreeRootIsSM3OfNothing() throws {
        let vectors = try SMVectors.load().sm3Merkle
        #expect(try SM3.emptyRoot().hex == vectors.roots[0].root)
        #expect(try SM3.emptyRoot().hex == "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b")
    }

    @Test(arguments: 0...8)
    func theRootOfEachSizeMatches(_ size: Int) throws {
        let vectors = try SMVectors.load().sm3Merkle
        let leaves = try vectors.leavesHex.prefix(size).map { try SM3.leafHash(bytes(hex: $0)) }
        let expected = try #require(vectors.roots.first { $0.size == size })
        #expect(try Self.root(leaves).hex == expected.root)
    }

    /// MTH of RFC 9162 §2.1.1: split at the largest power of two below n.
    static func root(_ leaves: [Hash]) throws -> Hash {
        switch leaves.count {
        case 0: return try SM3.emptyRoot()
        case 1: return leaves[0]
        default:
            var k = 1
            while k * 2 < leaves.count { k *= 2 }
            return try SM3.nodeHash(root(Array(leaves[..<k])), root(Array(leaves[k...])))
        }
    }
}
