public import JiazhouCore
import JiazhouStorage

/// `proof.inclusion`: an RFC 9162 inclusion proof of one entry in the tree
/// of a given size (by default the current one).
public struct InclusionProofRequest: Codable, Sendable, Equatable {
    public var seq: Int64
    public var size: Int64?
    public init(seq: Int64, size: Int64? = nil) {
        self.seq = seq
        self.size = size
    }
}

public struct InclusionProofResult: Codable, Sendable, Equatable {
    public var seq: Int64
    public var size: Int64
    public var leafHash: Hash
    /// Sibling hashes, deepest first (RFC 9162 §2.1.3.1).
    public var path: [Hash]
    public var root: Hash

    enum CodingKeys: String, CodingKey {
        case seq, size, path, root
        case leafHash = "leaf_hash"
    }

    /// The proof, for `Proof.Inclusion.verifies`.
    public var proof: Proof.Inclusion { Proof.Inclusion(index: seq, size: size, path: path) }
}

/// `proof.consistency`: an RFC 9162 proof that the tree of size `from` is a
/// prefix of the tree of size `to`: the log only grew.
public struct ConsistencyProofRequest: Codable, Sendable, Equatable {
    public var from: Int64
    public var to: Int64
    public init(from: Int64, to: Int64) {
        self.from = from
        self.to = to
    }
}

public struct ConsistencyProofResult: Codable, Sendable, Equatable {
    public var from: Int64
    public var to: Int64
    public var path: [Hash]

    public var proof: Proof.Consistency { Proof.Consistency(from: from, to: to, path: path) }
}

extension LedgerService {
    public func inclusionProof(_ request: InclusionProofRequest, actor: AccountID) throws(LedgerError) -> InclusionProofResult {
        try read { reader in
            _ = try Authorization(actor: actor, reader: reader)
            let current = try reader.size()
            let size = request.size ?? current
            guard size >= 1, size <= current else {
                throw LedgerError(.unknown_entry, "size must be from 1 to the ledger's size, \(current)")
            }
            guard request.seq >= 0, request.seq < size else {
                throw LedgerError(.unknown_entry, "entry \(request.seq) is not in the tree of size \(size)")
            }
            let proof = try Proof.inclusion(index: request.seq, size: size) { try reader.rangeHash($0, $1) }
            let leafHash = try reader.rangeHash(request.seq, request.seq + 1)
            // The root the path leads to: the same stored hashes as
            // MTH(D[0:size]), without reading the tree's frontier again.
            guard let root = proof.root(leafHash: leafHash, using: reader.suite) else {
                throw LedgerError(.ledger_invalid, "the inclusion proof of entry \(request.seq) at size \(size) is malformed; run `jiazhou verify`")
            }
            return InclusionProofResult(seq: request.seq, size: size, leafHash: leafHash, path: proof.path, root: root)
        }
    }

    public func consistencyProof(_ request: ConsistencyProofRequest, actor: AccountID) throws(LedgerError) -> ConsistencyProofResult {
        try read { reader in
            _ = try Authorization(actor: actor, reader: reader)
            let current = try reader.size()
            guard request.from >= 1, request.from <= request.to, request.to <= current else {
                throw LedgerError(.unknown_entry, "need 1 ≤ from ≤ to ≤ \(current) (the ledger's size)")
            }
            let proof = try Proof.consistency(from: request.from, to: request.to) { try reader.rangeHash($0, $1) }
            return ConsistencyProofResult(from: request.from, to: request.to, path: proof.path)
        }
    }
}
