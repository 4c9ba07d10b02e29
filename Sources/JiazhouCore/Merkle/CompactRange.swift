/// The roots of the perfect subtrees that cover leaves [0, size): the
/// "compact range" of transparency-dev/merkle. Appending a leaf costs
/// O(log n) node hashes and the root is a fold of at most log2(n) hashes,
/// so the ledger never rehashes its history to learn its root.
///
/// Its node hashes are those of the ledger's ``HashSuite``, which the range
/// carries.
public struct CompactRange: Sendable, Equatable {
    /// Number of leaves covered.
    public private(set) var size: UInt64 = 0
    /// Subtree roots from the largest (leftmost) to the smallest; their sizes
    /// are the set bits of `size`, high to low.
    public private(set) var subtrees: [Hash] = []
    /// Whose node hash and empty root the range uses.
    public let suite: HashSuite

    /// An empty range over `suite`'s tree.
    public init(suite: HashSuite) { self.suite = suite }

    /// Rebuilds a range from stored subtree roots; `nil` if their number does
    /// not match the set bits of `size`.
    public init?(size: UInt64, subtrees: [Hash], suite: HashSuite) {
        guard subtrees.count == size.nonzeroBitCount else { return nil }
        self.size = size
        self.subtrees = subtrees
        self.suite = suite
    }

    /// Appends one leaf hash. Returns the new complete subtrees formed, as
    /// (level, index, hash), so a store can keep them for proofs.
    @discardableResult
    public mutating func append(_ leaf: Hash) -> [(level: Int, index: UInt64, hash: Hash)] {
        var formed: [(level: Int, index: UInt64, hash: Hash)] = []
        append(leaf) { formed.append(($0, $1, $2)) }
        return formed
    }

    /// ``append(_:)``, handing each subtree formed to `formed` as it is
    /// formed, without an array of them (`verify` appends every entry).
    public mutating func append(_ leaf: Hash, formed: (_ level: Int, _ index: UInt64, _ hash: Hash) -> Void) {
        var hash = leaf
        var level = 0
        var index = size
        // Each trailing 1 bit of the old size is a subtree that now merges.
        while (size >> level) & 1 == 1 {
            hash = suite.nodeHash(subtrees.removeLast(), hash)
            level += 1
            index >>= 1
            formed(level, index, hash)
        }
        subtrees.append(hash)
        size += 1
    }

    /// The RFC 9162 Merkle tree hash over the covered leaves.
    public var root: Hash {
        guard var hash = subtrees.last else { return suite.emptyRoot }
        for left in subtrees.dropLast().reversed() {
            hash = suite.nodeHash(left, hash)
        }
        return hash
    }
}
