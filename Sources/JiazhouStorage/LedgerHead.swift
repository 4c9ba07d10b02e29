public import JiazhouCore

/// The end of the chain: how many entries there are, the leaf hash of the
/// last one (the next entry's `prev`) and the compact range that gives the root.
public struct LedgerHead: Sendable, Equatable {
    public var size: Int64
    /// Leaf hash of entry `size − 1`, or ``Hash/zero`` when empty.
    public var last: Hash
    public var range: CompactRange

    public var root: Hash { range.root }

    public init(size: Int64, last: Hash, range: CompactRange) {
        self.size = size
        self.last = last
        self.range = range
    }

    /// The head of a ledger with no entries, hashed with `suite`.
    public static func empty(suite: HashSuite) -> LedgerHead { LedgerHead(size: 0, last: .zero, range: CompactRange(suite: suite)) }
}
