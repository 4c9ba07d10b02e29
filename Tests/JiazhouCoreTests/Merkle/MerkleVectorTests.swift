import JiazhouCore
import Testing

/// `Ledger/vectors/merkle.json`: RFC 6962 / RFC 9162 leaf hashes and roots.
/// (Its inclusion and consistency proofs belong to the proofs issue.)
struct MerkleVectors: Decodable, Sendable {
    struct TestLeaves: Decodable, Sendable {
        var leavesHex: [String]
        var leafHashes: [String]
        var roots: [RootVector]
    }

    struct GeneratedLeaves: Decodable, Sendable {
        var roots: [RootVector]
    }

    var rfc6962TestLeaves: TestLeaves
    var generatedLeaves: GeneratedLeaves

    static func load() throws -> Self { try Vectors.load("merkle.json") }

    /// Leaf `i` of `generated_leaves` is the ASCII decimal of `i`.
    static func generatedLeaf(_ i: Int) -> [UInt8] { Array(String(i).utf8) }
}

@Suite("merkle.json known answers")
struct MerkleVectorTests {
    @Test func emptyTreeRootIsSHA256OfTheEmptyString() throws {
        let expected = try hash("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(TreeHasher.emptyRoot == expected)
        #expect(CompactRange(suite: .sha256Ed25519).root == expected)
        #expect(CompactRange(suite: .sha256Ed25519).size == 0)
    }

    @Test func leafHashesOfTheRFC6962TestLeavesMatch() throws {
        let vectors = try MerkleVectors.load().rfc6962TestLeaves
        try #require(vectors.leavesHex.count == 8 && vectors.leafHashes.count == 8)
        for (leaf, expected) in zip(vectors.leavesHex, vectors.leafHashes) {
            #expect(TreeHasher.leafHash(bytes(hex: leaf)).hex == expected, "leaf \(leaf)")
        }
    }

    @Test func compactRangeRootAfterEveryAppendMatchesTheRFC6962Roots() throws {
        let vectors = try MerkleVectors.load().rfc6962TestLeaves
        let leaves = vectors.leavesHex.map { TreeHasher.leafHash(bytes(hex: $0)) }
        try expectRoots(vectors.roots, leaves: leaves)
    }

    @Test func compactRangeRootAfterEveryAppendMatchesTheGeneratedTreesUpTo70Leaves() throws {
        let vectors = try MerkleVectors.load().generatedLeaves
        try #require(vectors.roots.count == 71)
        let leaves = (0..<70).map { TreeHasher.leafHash(MerkleVectors.generatedLeaf($0)) }
        try expectRoots(vectors.roots, leaves: leaves)
    }

    /// Appends `leaves` one by one and compares the root at every size 0...n.
    private func expectRoots(_ roots: [RootVector], leaves: [Hash]) throws {
        try #require(roots.map(\.size) == Array(0...UInt64(leaves.count)), "roots must cover every size")
        var range = CompactRange(suite: .sha256Ed25519)
        #expect(range.root.hex == roots[0].root, "size 0")
        for (i, leaf) in leaves.enumerated() {
            range.append(leaf)
            #expect(range.size == UInt64(i + 1))
            #expect(range.root.hex == roots[i + 1].root, "size \(i + 1)")
        }
    }
}
