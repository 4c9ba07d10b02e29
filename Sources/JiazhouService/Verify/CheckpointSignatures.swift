import Dispatch
import Foundation
import JiazhouCore
import JiazhouStorage

/// The signed checkpoints' signatures, checked on a thread of their own
/// while the entries replay: a signature depends on no entry, and checking
/// a thousand of them one by one was a tenth of the sequential replay.
/// `@unchecked Sendable`: the worker writes `results` before it signals
/// `done`, and they are read only after waiting for it.
final class CheckpointSignatures: @unchecked Sendable {
    private var results: [Result<Checkpoint, LedgerError>] = []
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    /// Nothing is checked without a verifier (a malformed or missing key,
    /// reported on its own).
    init(_ checkpoints: [StoredCheckpoint], verifier: (any NoteVerifying)?) {
        guard let verifier else {
            finished = true
            return
        }
        Thread.detachNewThread { [self] in
            results = checkpoints.map { checkpoint in
                Result { () throws(LedgerError) in try Checkpoint.verified(note: checkpoint.note, by: verifier) }
            }
            done.signal()
        }
    }

    /// What the note of the `index`-th checkpoint signs, or why it does not
    /// verify; `nil` when there is no verifier.
    func result(at index: Int) -> Result<Checkpoint, LedgerError>? {
        if !finished {
            done.wait()
            finished = true
        }
        return results.isEmpty ? nil : results[index]
    }
}
