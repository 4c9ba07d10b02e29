import Dispatch
import Foundation
import JiazhouCore

/// One stored entry with the work that does not depend on its neighbours —
/// leaf hash, parse, canonical-form check — done ahead, so that verification
/// can spread it over every core and keep only the chain checks sequential.
struct DecodedRow: Sendable {
    let seq: Int64
    let bytes: [UInt8]
    let storedLeafHash: [UInt8]
    var leafHash: Hash?
    var entry: Result<Entry, LedgerError>?

    init(seq: Int64, bytes: [UInt8], storedLeafHash: [UInt8]) {
        self.seq = seq
        self.bytes = bytes
        self.storedLeafHash = storedLeafHash
    }

    /// Hashes with `suite` and reads the entry (awards by the scanner, into
    /// their typed data).
    mutating func decode(suite: HashSuite) {
        leafHash = suite.leafHash(bytes)
        do { entry = .success(try Entry(canonicalBytes: bytes)) } catch { entry = .failure(error) }
    }

    /// Decodes `rows` in as many slices as there are cores: the calling
    /// thread takes the first slice and a thread apiece the others. (Not
    /// `concurrentPerform`: called from a database queue that blocks a pool
    /// thread, it ran everything on one core.)
    static func decodeInParallel(_ rows: [DecodedRow], suite: HashSuite, threads: Int = System.cores) -> [DecodedRow] {
        var rows = rows
        let slices = max(1, min(threads, rows.count / 256))
        rows.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer: buffer)
            let decode: @Sendable (Int) -> Void = { slice in
                let lower = shared.buffer.count * slice / slices
                let upper = shared.buffer.count * (slice + 1) / slices
                for i in lower..<upper { shared.buffer[i].decode(suite: suite) }
            }
            let done = DispatchSemaphore(value: 0)
            for slice in 1..<max(slices, 1) {
                Thread.detachNewThread {
                    decode(slice)
                    done.signal()
                }
            }
            decode(0)
            for _ in 1..<max(slices, 1) { done.wait() }
        }
        return rows
    }
}

/// A batch of rows decoded on threads of its own while the caller reads
/// and checks the batch before it: `verify` then keeps every core busy
/// (decoding and hashing beside the sequential chain checks) instead of
/// taking turns. `@unchecked Sendable`: the worker writes `rows` before it
/// signals `done`, and the caller reads them only after waiting for it.
final class DecodeJob: @unchecked Sendable {
    private var rows: [DecodedRow]
    private let done = DispatchSemaphore(value: 0)

    init(_ rows: [DecodedRow], suite: HashSuite) {
        self.rows = rows
        Thread.detachNewThread { [self] in
            // The caller's thread checks meanwhile: it keeps one core.
            self.rows = DecodedRow.decodeInParallel(self.rows, suite: suite, threads: max(1, System.cores - 1))
            self.done.signal()
        }
    }

    /// The decoded rows, once they are.
    func wait() -> [DecodedRow] {
        done.wait()
        return rows
    }
}

/// The rows' buffer, shared with the decoding threads. `@unchecked Sendable`
/// because each thread writes only its own disjoint slice, and the buffer
/// outlives `concurrentPerform`, which returns only when all are done.
private struct SharedBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<DecodedRow>
}

enum System {
    static let cores = ProcessInfo.processInfo.activeProcessorCount
}
