public import JiazhouCore
import JiazhouStorage

/// `ledger.info`: the ledger's identity and head.
public struct LedgerInfo: Codable, Sendable, Equatable {
    public var origin: String
    public var size: Int64
    public var root: Hash
    /// Leaf hash of the last entry.
    public var head: Hash
    public var verifierKey: String
    /// The signed note for `size`, with the cosignatures kept for it.
    public var checkpoint: String?
    /// Each witness's latest cosigned size and its verifier key (absent until one has cosigned).
    public var witnesses: [WitnessView]?

    enum CodingKeys: String, CodingKey {
        case origin, size, root, head, checkpoint, witnesses
        case verifierKey = "verifier_key"
    }
}

/// `entry.get`.
public struct EntryGetRequest: Codable, Sendable, Equatable {
    public var seq: Int64
    public init(seq: Int64) { self.seq = seq }
}

public struct EntryGetResult: Codable, Sendable, Equatable {
    public var entry: JSONValue
    public var leafHash: Hash
    /// The seq of the entry that reversed this one, if any.
    public var reversedBy: Int64?

    enum CodingKeys: String, CodingKey {
        case entry
        case leafHash = "leaf_hash"
        case reversedBy = "reversed_by"
    }
}

/// `checkpoint.get`.
public struct CheckpointGetRequest: Codable, Sendable, Equatable {
    public var size: Int64?
    public init(size: Int64? = nil) { self.size = size }
}

public struct CheckpointView: Codable, Sendable, Equatable {
    public var size: Int64
    public var root: Hash
    public var note: String
}

extension LedgerService {
    public func info() throws(LedgerError) -> LedgerInfo {
        try read { reader in
            let head = try reader.head()
            return LedgerInfo(
                origin: origin, size: head.size, root: head.root, head: head.last, verifierKey: signer.verifier.verifierKey,
                checkpoint: try reader.checkpoint(size: head.size).map { stored in
                    Cosignature.note(stored.note, adding: try reader.cosignatures(size: stored.size).map(\.line))
                }, witnesses: try witnessViews(reader))
        }
    }

    /// The verifier key that checks this ledger's checkpoints.
    public var verifierKey: String { signer.verifier.verifierKey }

    public func entry(_ request: EntryGetRequest, actor: AccountID) throws(LedgerError) -> EntryGetResult {
        try read { reader in
            let authorization = try Authorization(actor: actor, reader: reader)
            guard request.seq >= 0, let sealed = try reader.entry(request.seq) else {
                throw LedgerError(.unknown_entry, "there is no entry \(request.seq)")
            }
            if !authorization.isOperator, authorization.principal.id.kind != .coordinator {
                // Volunteers and merchants see the entries that concern them.
                guard try !reader.movements(of: actor, after: request.seq - 1, limit: 1).filter({ $0.seq == request.seq }).isEmpty else {
                    throw LedgerError(.forbidden, "\(actor) may read only entries that concern it")
                }
            }
            return EntryGetResult(entry: sealed.entry.json, leafHash: sealed.leafHash, reversedBy: try reader.reversal(of: request.seq))
        }
    }

    /// The signed checkpoint of `size` (default: the latest), its note with
    /// every cosignature kept for it (Ledger/SPEC.md §16).
    public func checkpoint(_ request: CheckpointGetRequest) throws(LedgerError) -> CheckpointView {
        let stored = try cosigned(size: request.size)
        return CheckpointView(size: stored.size, root: stored.root, note: stored.note)
    }
}
