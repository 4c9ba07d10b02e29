import JiazhouCore
import Testing

@Suite("CompactRange")
struct CompactRangeTests {
    private static let leaves = (0..<70).map { TreeHasher.leafHash(MerkleVectors.generatedLeaf($0)) }

    private static func range(over leaves: some Sequence<Hash>) -> CompactRange {
        var range = CompactRange(suite: .sha256Ed25519)
        for leaf in leaves { range.append(leaf) }
        return range
    }

    @Test(arguments: [0, 1, 2, 3, 4, 7, 8, 31, 32, 33, 63, 64, 69])
    func aRangeRebuiltFromItsSubtreesContinuesIdentically(size: Int) throws {
        let stored = Self.range(over: Self.leaves.prefix(size))
        var rebuilt = try #require(CompactRange(size: stored.size, subtrees: stored.subtrees, suite: .sha256Ed25519))
        var original = stored
        #expect(rebuilt == original)
        for leaf in Self.leaves.dropFirst(size) {
            let formedByRebuilt = rebuilt.append(leaf)
            let formedByOriginal = original.append(leaf)
            #expect(formedByRebuilt.map(\.hash) == formedByOriginal.map(\.hash))
            #expect(rebuilt.root == original.root)
        }
        let expected = try MerkleVectors.load().generatedLeaves.roots[70].root
        #expect(rebuilt.root.hex == expected)
    }

    @Test(arguments: [(UInt64(0), 1), (1, 0), (3, 1), (4, 2), (5, 1), (7, 2), (70, 2)])
    func rebuildingWithTheWrongNumberOfSubtreesFails(size: UInt64, count: Int) {
        let subtrees = Array(Self.leaves.prefix(count))
        #expect(CompactRange(size: size, subtrees: subtrees, suite: .sha256Ed25519) == nil)
    }

    @Test(arguments: 0...70)
    func subtreesAreTheSetBitsOfTheSize(size: Int) {
        let range = Self.range(over: Self.leaves.prefix(size))
        #expect(range.subtrees.count == size.nonzeroBitCount)
    }

    @Test func appendingToAnEvenSizeCompletesNoSubtree() {
        var range = Self.range(over: Self.leaves.prefix(6))
        #expect(range.append(Self.leaves[6]).isEmpty)
    }

    /// Size 3 → 4 merges leaves 2 and 3 (level 1, index 1), then that with
    /// leaves 0–1 (level 2, index 0): the root of the 4-leaf tree.
    @Test func appendingReportsEverySubtreeItCompletes() {
        let l = Self.leaves
        var range = Self.range(over: l.prefix(3))
        let formed = range.append(l[3])
        let pair23 = TreeHasher.nodeHash(l[2], l[3])
        let four = TreeHasher.nodeHash(TreeHasher.nodeHash(l[0], l[1]), pair23)
        #expect(formed.map(\.level) == [1, 2])
        #expect(formed.map(\.index) == [1, 0])
        #expect(formed.map(\.hash) == [pair23, four])
        #expect(range.root == four)
        #expect(range.subtrees == [four])
    }

    /// RFC 9162 §2.1.1: MTH of 3 leaves is node(node(l0, l1), l2): the odd leaf is not duplicated.
    @Test func theRootOfAnUnbalancedTreeHashesTheLoneLeafUnchanged() {
        let l = Self.leaves
        let range = Self.range(over: l.prefix(3))
        #expect(range.root == TreeHasher.nodeHash(TreeHasher.nodeHash(l[0], l[1]), l[2]))
        #expect(range.root != TreeHasher.nodeHash(TreeHasher.nodeHash(l[0], l[1]), TreeHasher.nodeHash(l[2], l[2])))
    }

    @Test func leafAndNodeHashesAreDomainSeparated() {
        let left = Self.leaves[0], right = Self.leaves[1]
        #expect(TreeHasher.leafHash([0x01] + left.bytes + right.bytes) != TreeHasher.nodeHash(left, right))
        #expect(TreeHasher.nodeHash(left, right) == TreeHasher.sha256([0x01] + left.bytes + right.bytes))
        #expect(TreeHasher.leafHash([0x61]) == TreeHasher.sha256([0x00, 0x61]))
    }
}
