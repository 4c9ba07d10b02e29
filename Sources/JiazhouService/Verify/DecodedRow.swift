import Dispatch
import Foundation
import JiazhouCore

/// One stored entry with the work that does not depend on its neighbours —
/// leaf hash, parse, canonical-form check — done ahead, so that verification
/// can spread it over every core and keep only the chain checks sequential.
struct DecodedRow: Sendable {
    let seq: Int64
    /// The stored bytes and leaf hash, until `decode` has used them: they
    /// are freed on the decoding thread, not on the replay's.
    private var bytes: [UInt8]
    private var storedLeafHash: [UInt8]
    private(set) var leafHash: Hash?
    /// Whether the stored leaf hash is the one of the stored bytes.
    private(set) var leafHashMatches = false
    /// The entry and what it does, once decoded: behind one reference, so
    /// that handing a row to the replay retains one object, not each of
    /// the entry's strings and arrays (that copying was a twentieth of
    /// the replay's time).
    private(set) var decoded: Decoded?

    final class Decoded: Sendable {
        /// Why the bytes are not an entry, if they are not.
        let failure: LedgerError?
        let entry: Entry?
        /// What the entry does to the replayed figures, if it decoded.
        let facts: ReplayFacts?

        init(entry: Entry) {
            self.entry = entry
            self.facts = ReplayFacts(entry)
            self.failure = nil
        }

        init(failure: LedgerError) {
            self.entry = nil
            self.facts = nil
            self.failure = failure
        }
    }

    init(seq: Int64, bytes: [UInt8], storedLeafHash: [UInt8]) {
        self.seq = seq
        self.bytes = bytes
        self.storedLeafHash = storedLeafHash
    }

    /// Hashes with `suite`, reads the entry (awards by the scanner, into
    /// their typed data) and works out what it does to the replayed figures.
    mutating func decode(suite: HashSuite) {
        let hash = suite.leafHash(bytes)
        leafHash = hash
        leafHashMatches = hash.bytes == storedLeafHash
        do { decoded = Decoded(entry: try Entry(canonicalBytes: bytes)) } catch { decoded = Decoded(failure: error) }
        bytes = []
        storedLeafHash = []
    }

    /// Decodes `rows` in as many slices as there are cores: the calling
    /// thread takes the first slice and a thread apiece the others. (Not
    /// `concurrentPerform`: called from a database queue that blocks a pool
    /// thread, it ran everything on one core.)
    static func decodeInParallel(_ rows: inout [DecodedRow], suite: HashSuite, threads: Int = System.cores) {
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

    init(_ rows: consuming [DecodedRow], suite: HashSuite) {
        self.rows = rows
        Thread.detachNewThread { [self] in
            // The caller's thread checks meanwhile: it keeps one core.
            // Taken out and put back, so that the array is not shared (and
            // copied, entry by entry) when it is decoded in place.
            var rows = self.rows
            self.rows = []
            DecodedRow.decodeInParallel(&rows, suite: suite, threads: max(1, System.cores - 1))
            self.rows = rows
            self.done.signal()
        }
    }

    /// The decoded rows, once they are. The job gives them up: the caller
    /// hands them to `release` when it is done with them.
    func take() -> [DecodedRow] {
        done.wait()
        defer { rows = [] }
        return rows
    }

    /// Frees checked rows on a thread of their own: freeing a batch of
    /// entries was an eighth of the sequential replay's time, and the
    /// decoding threads have time to spare.
    static func release(_ rows: consuming [DecodedRow]) {
        let rows = Box(consume rows)
        Thread.detachNewThread { rows.value = [] }
    }

    private final class Box: @unchecked Sendable {
        var value: [DecodedRow]
        init(_ value: [DecodedRow]) { self.value = value }
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
