public import JiazhouCore
public import Logging

/// A c2sp.org/tlog-witness: cosigns a log's checkpoint only if the log signed
/// it and it is consistent with the last checkpoint the witness cosigned for
/// that log (Ledger/SPEC.md §16). Transport-free: ``WitnessServer`` carries
/// its ``Answer``s over HTTP.
///
/// ```swift
/// let witness = Witness(signer: key, logs: [log], state: try WitnessState(path: "witness.sqlite"), logger: logger)
/// let answer = await witness.addCheckpoint(bodyBytes)    // 200 and "— witness.example/w1 …\n", or 404, 403, 400, 409, 422
/// ```
public final class Witness: Sendable {
    /// An HTTP status and body, as the spec words them.
    public struct Answer: Sendable, Equatable {
        public var status: Int
        public var contentType: String
        public var body: String

        static func text(_ status: Int, _ body: String) -> Answer {
            Answer(status: status, contentType: "text/plain; charset=utf-8", body: body.hasSuffix("\n") ? body : body + "\n")
        }
    }

    public let signer: CosignatureSigner
    let logs: [String: WitnessLog]
    public let state: WitnessState
    let now: @Sendable () -> UInt64
    let logger: Logger

    /// `now`: seconds since 1970, the cosignatures' timestamps (injected: tests fix time).
    public init(signer: CosignatureSigner, logs: [WitnessLog], state: WitnessState, now: @escaping @Sendable () -> UInt64, logger: Logger) throws(LedgerError) {
        guard logs.count <= Limits.witnessedLogs else { throw LedgerError(.invalid_request, "at most \(Limits.witnessedLogs) logs") }
        var byOrigin: [String: WitnessLog] = [:]
        for log in logs {
            guard byOrigin[log.origin] == nil else { throw LedgerError(.invalid_request, "the log \(log.origin) is given twice") }
            byOrigin[log.origin] = log
        }
        if try state.bind(verifierKey: signer.verifier.verifierKey) {
            logger.notice("a new witness state: it remembers no checkpoint yet", metadata: ["witness.state": "\(state.path)"])
        }
        self.signer = signer
        self.logs = byOrigin
        self.state = state
        self.now = now
        self.logger = logger
    }

    /// `add-checkpoint`: checks, in the spec's order, the body's shape (400),
    /// the origin (404), the log's signature (403), old ≤ size (400), old =
    /// the size last cosigned (409, with that size as `text/x.tlog.size`), the
    /// consistency proof (422) and, for the same size, the same root (409);
    /// then records the checkpoint and cosigns it.
    public func addCheckpoint(_ bytes: [UInt8]) async -> Answer {
        let request: AddCheckpointBody
        let note: SignedNote
        let checkpoint: Checkpoint
        do {
            request = try AddCheckpointBody(parsing: bytes)
            note = try SignedNote(parsing: request.note)
            checkpoint = try Checkpoint(body: note.text)
        } catch {
            return .text(400, error.message)
        }
        guard let log = logs[checkpoint.origin] else { return .text(404, "unknown log origin \"\(checkpoint.origin)\"") }
        guard note.isSigned(by: log.verifier) else {
            return .text(403, "the checkpoint carries no valid signature by \(log.verifier.name)+\(Hex.encode(log.verifier.keyID))")
        }
        guard request.old <= checkpoint.size else {
            return .text(400, "old size \(request.old) is larger than the checkpoint's size \(checkpoint.size)")
        }
        let time = now()
        let suite = log.suite
        let decision: Decision
        do {
            decision = try await state.update(origin: checkpoint.origin, time: time) { record in
                let decision = Self.decide(request, checkpoint: checkpoint, record: record, suite: suite)
                guard case .cosign = decision else { return (nil, decision) }
                return (WitnessState.Record(size: checkpoint.size, root: checkpoint.root), decision)
            }
        } catch {
            logger.error("witness state failed", metadata: ["witness.origin": "\(checkpoint.origin)", "error": "\(error)"])
            return .text(500, "the witness cannot record its state; try again later")
        }
        switch decision {
        case .conflict(let size):
            return Answer(status: 409, contentType: "text/x.tlog.size", body: "\(size)\n")
        case .differentRoot:
            logger.warning("a log showed another root for a size the witness cosigned", metadata: ["witness.origin": "\(checkpoint.origin)", "witness.size": "\(checkpoint.size)"])
            return .text(409, "size \(checkpoint.size) was cosigned with another root")
        case .badProof(let why):
            // Signed by the log and inconsistent with what it signed before: evidence, logged.
            logger.warning(
                "consistency proof refused", metadata: ["witness.origin": "\(checkpoint.origin)", "witness.old": "\(request.old)", "witness.size": "\(checkpoint.size)"])
            return .text(422, why)
        case .cosign:
            logger.info("cosigned", metadata: ["witness.origin": "\(checkpoint.origin)", "witness.size": "\(checkpoint.size)"])
            return .text(200, signer.signatureLine(for: note.text, timestamp: time))
        }
    }

    enum Decision: Sendable, Equatable {
        case conflict(Int64)
        case differentRoot
        case badProof(String)
        case cosign
    }

    /// The decision on the stored record, inside the state's transaction.
    static func decide(_ request: AddCheckpointBody, checkpoint: Checkpoint, record: WitnessState.Record?, suite: HashSuite) -> Decision {
        let current = record?.size ?? 0
        guard request.old == current else { return .conflict(current) }
        if request.old == checkpoint.size {
            guard request.proof.isEmpty else { return .badProof("the proof must be empty when old equals the checkpoint's size") }
            if let record, record.root != checkpoint.root { return .differentRoot }
            return .cosign
        }
        guard let record, request.old > 0 else {
            return request.proof.isEmpty ? .cosign : .badProof("the proof must be empty when old is 0")
        }
        let proof = Proof.Consistency(from: request.old, to: checkpoint.size, path: request.proof)
        guard proof.verifies(firstRoot: record.root, secondRoot: checkpoint.root, using: suite) else {
            return .badProof("the consistency proof from size \(request.old) to \(checkpoint.size) does not verify")
        }
        return .cosign
    }
}
