/// Merkle inclusion and consistency proofs, exactly as RFC 9162 §2.1.3 and
/// §2.1.4 define them, so that any implementation of the RFC (Certificate
/// Transparency's, transparency-dev's, Trillian's) can check the ledger's.
///
/// Making a proof needs the Merkle tree hash of ranges of leaves; the caller
/// supplies them (the store reads stored subtrees, tests fold an array), so
/// no proof ever rehashes the whole tree.
public enum Proof {
    /// Proves that one leaf is in the tree of a given size.
    public struct Inclusion: Sendable, Equatable {
        public var index: Int64
        public var size: Int64
        public var path: [Hash]

        public init(index: Int64, size: Int64, path: [Hash]) {
            self.index = index
            self.size = size
            self.path = path
        }
    }

    /// Proves that the tree of size `from` is a prefix of the tree of size `to`.
    public struct Consistency: Sendable, Equatable {
        public var from: Int64
        public var to: Int64
        public var path: [Hash]

        public init(from: Int64, to: Int64, path: [Hash]) {
            self.from = from
            self.to = to
            self.path = path
        }
    }

    /// The largest power of two smaller than `n` (n ≥ 2): where RFC 9162 splits a tree.
    static func split(_ n: Int64) -> Int64 {
        precondition(n >= 2, "only trees of two or more leaves split")
        return Int64(1) << (63 - (n - 1).leadingZeroBitCount)
    }

    /// PATH(m, D[n]) of RFC 9162 §2.1.3.1. `rangeHash(lo, hi)` is MTH(D[lo:hi]).
    public static func inclusion(
        index: Int64, size: Int64, rangeHash: (Int64, Int64) throws -> Hash
    ) rethrows -> Inclusion {
        precondition(0 <= index && index < size, "the index is inside the tree")
        var path: [Hash] = []
        var (m, lo, hi) = (index, Int64(0), size)
        while hi - lo > 1 {
            let k = split(hi - lo)
            if m < k {
                path.append(try rangeHash(lo + k, hi))
                hi = lo + k
            } else {
                path.append(try rangeHash(lo, lo + k))
                lo += k
                m -= k
            }
        }
        return Inclusion(index: index, size: size, path: path.reversed())
    }

    /// PROOF(m, D[n]) of RFC 9162 §2.1.4.1, for 0 < from ≤ to.
    public static func consistency(
        from: Int64, to: Int64, rangeHash: (Int64, Int64) throws -> Hash
    ) rethrows -> Consistency {
        precondition(0 < from && from <= to, "0 < from ≤ to")
        var path: [Hash] = []
        var (m, lo, hi, complete) = (from, Int64(0), to, true)
        while true {
            let n = hi - lo
            if m == n {
                if !complete { path.append(try rangeHash(lo, hi)) }
                break
            }
            let k = split(n)
            if m <= k {
                path.append(try rangeHash(lo + k, hi))
                hi = lo + k
            } else {
                path.append(try rangeHash(lo, lo + k))
                lo += k
                m -= k
                complete = false
            }
        }
        return Consistency(from: from, to: to, path: path.reversed())
    }
}

extension Proof {
    /// "If LSB(fn) is not set, right-shift both fn and sn equally until either
    /// LSB(fn) is set or fn is 0" — the step both RFC 9162 verifiers share.
    static func shiftPastZeroBits(_ fn: inout Int64, _ sn: inout Int64) {
        while fn & 1 == 0 && fn != 0 {
            fn >>= 1
            sn >>= 1
        }
    }
}

extension Proof.Inclusion {
    /// RFC 9162 §2.1.3.2: whether `leafHash` at `index` is in the tree whose
    /// root is `root`, with `suite`'s node hash. A proof made over another
    /// suite's tree does not verify.
    public func verifies(leafHash: Hash, root: Hash, using suite: HashSuite) -> Bool {
        self.root(leafHash: leafHash, using: suite) == root
    }

    /// The root the path leads to from `leafHash` (RFC 9162 §2.1.3.2's `r`),
    /// or `nil` when the path does not fit the index and size.
    public func root(leafHash: Hash, using suite: HashSuite) -> Hash? {
        guard index >= 0, index < size else { return nil }
        var (fn, sn, r) = (index, size - 1, leafHash)
        for p in path {
            if sn == 0 { return nil }
            if fn & 1 == 1 || fn == sn {
                r = suite.nodeHash(p, r)
                Proof.shiftPastZeroBits(&fn, &sn)
            } else {
                r = suite.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? r : nil
    }
}

extension Proof.Consistency {
    /// RFC 9162 §2.1.4.2: whether the tree of size `from` with root `firstRoot`
    /// is a prefix of the tree of size `to` with root `secondRoot`, with
    /// `suite`'s node hash.
    public func verifies(firstRoot: Hash, secondRoot: Hash, using suite: HashSuite) -> Bool {
        guard from > 0, from <= to else { return false }
        if from == to { return path.isEmpty && firstRoot == secondRoot }
        guard !path.isEmpty else { return false }
        var path = self.path
        if from & (from - 1) == 0 { path.insert(firstRoot, at: 0) }
        var (fn, sn) = (from - 1, to - 1)
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var (fr, sr) = (path[0], path[0])
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = suite.nodeHash(c, fr)
                sr = suite.nodeHash(c, sr)
                Proof.shiftPastZeroBits(&fn, &sn)
            } else {
                sr = suite.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == firstRoot && sr == secondRoot && sn == 0
    }
}
