public import JiazhouCore
public import JiazhouStorage

/// What the log's submitter sends one witness (c2sp.org/tlog-witness
/// `add-checkpoint`): the latest checkpoint and the consistency proof from the
/// size the witness last cosigned (Ledger/SPEC.md §16).
public struct WitnessSubmission: Sendable, Equatable {
    public var size: Int64
    public var root: Hash
    public var body: AddCheckpointBody
}

/// One witness's latest cosigned size and its key, for `ledger.info`.
public struct WitnessView: Codable, Sendable, Equatable {
    /// The witness's key name and hex key id, `name+keyid`.
    public var witness: String
    public var size: Int64
    /// Seconds since 1970, from the witness's cosignature.
    public var timestamp: Int64
    /// The witness's verifier key, `name+keyid+base64(0x04 ‖ key)`, as the
    /// serve process was given it (`--witness URL=VKEY`): what the check
    /// pages offer to verify the cosignature lines with. Absent when the
    /// latest cosignature was kept before keys were (schema v11).
    public var verifierKey: String?

    enum CodingKeys: String, CodingKey {
        case witness, size, timestamp
        case verifierKey = "verifier_key"
    }
}

extension LedgerService {
    /// The size of the latest signed checkpoint (0 before the first): what
    /// the submitter polls, one indexed read.
    public func latestCheckpointSize() throws(LedgerError) -> Int64 {
        try read { try $0.checkpoint()?.size ?? 0 }
    }

    /// The `add-checkpoint` body for a witness that last cosigned size `old`:
    /// the latest checkpoint note as signed, and the RFC 9162 proof from
    /// `old` (empty when `old` is 0 or the latest size). `nil` before the first
    /// checkpoint; `unknown_entry` if `old` is past the ledger's size (a
    /// witness that saw another history, or a ledger restored from a backup).
    public func witnessSubmission(old: Int64) throws(LedgerError) -> WitnessSubmission? {
        try read { reader in
            guard let latest = try reader.checkpoint() else { return nil }
            guard old >= 0, old <= latest.size else {
                throw LedgerError(.unknown_entry, "the witness has cosigned size \(old), past this ledger's \(latest.size): it has seen another history of \(origin)")
            }
            let proof = old == 0 || old == latest.size ? [] : try Proof.consistency(from: old, to: latest.size) { try reader.rangeHash($0, $1) }.path
            return WitnessSubmission(size: latest.size, root: latest.root, body: AddCheckpointBody(old: old, proof: proof, note: latest.note))
        }
    }

    /// The size `witness` last cosigned, as kept here (0 if none).
    public func cosignedSize(by witness: CosignatureVerifier) throws(LedgerError) -> Int64 {
        let id = Self.witnessID(witness)
        return try read { try $0.latestCosignatures().first { $0.witness == id }?.size ?? 0 }
    }

    /// Keeps the cosignature lines a witness answered for the checkpoint of
    /// `size`, after checking each with the witness's key against that
    /// checkpoint's body; lines from other keys are ignored, as the spec asks.
    /// Refuses (`invalid_request`) an answer with no valid cosignature by `witness`.
    @discardableResult
    public func keepCosignature(_ response: String, size: Int64, witness: CosignatureVerifier) async throws(LedgerError) -> StoredCosignature {
        let stored = try read { reader in try reader.checkpoint(size: size) }
        guard let stored else { throw LedgerError(.unknown_entry, "no checkpoint was signed at size \(size)") }
        let body = Checkpoint(origin: origin, size: stored.size, root: stored.root).body
        guard response.utf8.count <= Limits.cosignatureResponseBytes else {
            throw LedgerError(.too_large, "the witness's answer is longer than \(Limits.cosignatureResponseBytes) bytes")
        }
        var best: (line: String, timestamp: UInt64)?
        for line in response.split(separator: "\n") {
            // A note of the body and this one line parses the line as signed-note does.
            guard let note = try? SignedNote(parsing: body + "\n" + line + "\n"), let signature = note.signatures.first,
                signature.name == witness.name, signature.keyID == witness.keyID
            else { continue }
            guard let timestamp = witness.timestamp(ofCosignature: signature.signature, on: body) else {
                throw LedgerError(.invalid_request, "\(witness.name)'s cosignature of size \(size) does not verify with its key")
            }
            if best.map({ timestamp > $0.timestamp }) ?? true { best = (line + "\n", timestamp) }
        }
        guard let best else { throw LedgerError(.invalid_request, "the answer holds no cosignature by \(Self.witnessID(witness))") }
        let cosignature = StoredCosignature(
            witness: Self.witnessID(witness), size: size, line: best.line, timestamp: Int64(best.timestamp), verifierKey: witness.verifierKey)
        try await commit { writer in try writer.storeCosignature(cosignature) }
        return cosignature
    }

    /// The signed note of the checkpoint of `size` (default: the latest)
    /// with every cosignature kept for it appended: one valid signed note
    /// with several signatures, as `checkpoint.get` and `/tlog/checkpoint` serve it.
    public func cosignedCheckpoint(size: Int64? = nil) throws(LedgerError) -> String {
        try cosigned(size: size).note
    }

    func cosigned(size: Int64?) throws(LedgerError) -> StoredCheckpoint {
        try read { reader in
            guard let stored = try reader.checkpoint(size: size) else {
                throw LedgerError(.unknown_entry, size.map { "no checkpoint was signed at size \($0)" } ?? "the ledger has no checkpoint yet")
            }
            let lines = try reader.cosignatures(size: stored.size).map(\.line)
            return StoredCheckpoint(size: stored.size, root: stored.root, note: Cosignature.note(stored.note, adding: lines))
        }
    }

    /// Each witness's latest cosigned size and key; `nil` when none has cosigned.
    func witnessViews(_ reader: any LedgerReading) throws -> [WitnessView]? {
        let latest = try reader.latestCosignatures()
        return latest.isEmpty ? nil : latest.map { WitnessView(witness: $0.witness, size: $0.size, timestamp: $0.timestamp, verifierKey: $0.verifierKey) }
    }

    /// `name+keyid`: how a witness is named in storage and in `ledger.info`.
    public static func witnessID(_ witness: CosignatureVerifier) -> String {
        "\(witness.name)+\(Hex.encode(witness.keyID))"
    }
}
