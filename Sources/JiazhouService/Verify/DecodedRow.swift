import Dispatch
import Foundation
import JiazhouCore
import Synchronization

/// One stored entry with the work that does not depend on its neighbours —
/// leaf hash, parse, canonical-form check — done ahead, so that verification
/// can spread it over every core and keep only the chain checks sequential.
struct DecodedRow: Sendable {
    let seq: Int64
    /// Where the stored bytes and leaf hash are in their batch's
    /// ``BatchBytes``: one buffer a batch, not two arrays an entry.
    private let bytes: Range<Int>
    private let storedLeafHash: Range<Int>
    private(set) var leafHash: Hash?
    /// Whether the stored leaf hash is the one of the stored bytes.
    private(set) var leafHashMatches = false
    /// The entry and what it does, once decoded, behind one reference so
    /// that rows stay small to append, hand over and free (inline, the
    /// entry made a batch of rows megabytes of fresh pages to fault in).
    /// The replay moves it out (``takeDecoded()``) and back when it is
    /// done: a value the replay owns is lent to each check as it stands,
    /// where one read in place was copied whole for every call that took
    /// it (each of the entry's strings and arrays retained, then
    /// released), since the calls mutate the verifier.
    private var decoded: DecodedBox?

    struct Decoded: Sendable {
        let entry: Entry
        /// What the entry does to the replayed figures.
        let facts: ReplayFacts

        init(entry: Entry) {
            self.entry = entry
            self.facts = ReplayFacts(entry)
        }
    }

    /// `@unchecked Sendable`: written by the one thread that decodes the
    /// row, then by the one that replays it, after the decoding threads
    /// have finished (``DecodeJob/take()``).
    final class DecodedBox: @unchecked Sendable {
        var decoded: Decoded?
        init(_ decoded: Decoded) { self.decoded = decoded }
    }

    /// The decoded entry, moved out of the row (`nil` if it did not decode).
    func takeDecoded() -> Decoded? { decoded?.decoded.take() }

    /// Puts back what ``takeDecoded()`` took, to be freed with the row.
    func putBack(_ decoded: consuming Decoded) { self.decoded?.decoded = decoded }

    /// Why the bytes are not an entry, if they are not.
    private(set) var failure: Failure?

    final class Failure: Sendable {
        let error: LedgerError
        init(_ error: LedgerError) { self.error = error }
    }

    /// Copies the row's bytes and stored leaf hash to the end of `batch`.
    init(seq: Int64, bytes: UnsafeRawBufferPointer, storedLeafHash: UnsafeRawBufferPointer, into batch: inout BatchBytes) {
        self.seq = seq
        self.bytes = batch.append(bytes)
        self.storedLeafHash = batch.append(storedLeafHash)
    }

    /// Hashes with `suite`, reads the entry (awards by the scanner, into
    /// their typed data) and works out what it does to the replayed figures.
    mutating func decode(suite: HashSuite, batch: UnsafeBufferPointer<UInt8>) {
        // Read where they are in the batch: the batch outlives the decoding.
        let bytes = UnsafeBufferPointer(rebasing: batch[self.bytes])
        let hash = suite.leafHash(UnsafeRawBufferPointer(bytes))
        leafHash = hash
        leafHashMatches = hash.isSpelled(by: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: batch[storedLeafHash])))
        do { decoded = DecodedBox(Decoded(entry: try Entry(canonicalBytes: bytes))) } catch { failure = Failure(error) }
    }
}

/// The stored bytes of a batch of rows, end to end.
struct BatchBytes: Sendable {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Empties the buffer, keeping its room.
    mutating func empty() { bytes.removeAll(keepingCapacity: true) }

    /// Appends `part`; where it now is.
    mutating func append(_ part: UnsafeRawBufferPointer) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: part)
        return start..<bytes.count
    }
}

/// A batch of rows decoded on threads of its own while the caller reads and
/// checks the batch before it, in chunks that whoever is free takes next:
/// the worker threads from the start, and the caller too, once it has
/// checked the batch before and comes for this one: it decodes what is
/// still unclaimed rather than wait. `@unchecked Sendable`: each chunk is
/// claimed by one thread only, through `nextChunk`, and the rows are read
/// as a whole only after every worker has finished.
final class DecodeJob: @unchecked Sendable {
    private let rows: UnsafeMutableBufferPointer<DecodedRow>
    private var bytes: BatchBytes
    private let suite: HashSuite
    private let nextChunk = Atomic<Int>(0)
    private let chunks: Int
    private let workers: Int
    private let finished = DispatchSemaphore(value: 0)
    /// Whether `take` has moved the rows out of `rows`.
    private var taken = false
    /// Small enough that the caller, arriving late, still finds chunks to take.
    static let chunkSize = 256

    /// Starts `workers` threads (one core fewer than the machine has: the
    /// caller's thread checks meanwhile) decoding `batch`.
    init(_ batch: consuming [DecodedRow], bytes: consuming BatchBytes, suite: HashSuite, workers: Int = max(1, System.cores - 1)) {
        let batch = batch
        rows = .allocate(capacity: batch.count)
        _ = rows.initialize(fromContentsOf: batch)
        self.bytes = bytes
        self.suite = suite
        chunks = (batch.count + Self.chunkSize - 1) / Self.chunkSize
        self.workers = workers
        for _ in 0..<workers {
            Thread.detachNewThread { [self] in
                decodeChunks()
                finished.signal()
            }
        }
    }

    deinit {
        if !taken { rows.deinitialize() }
        rows.deallocate()
    }

    /// Decodes chunks until none is left to claim.
    private func decodeChunks() {
        while true {
            let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
            guard chunk < chunks else { return }
            let lower = chunk * Self.chunkSize
            bytes.bytes.withUnsafeBufferPointer { batch in
                for i in lower..<min(lower + Self.chunkSize, rows.count) { rows[i].decode(suite: suite, batch: batch) }
            }
        }
    }

    /// The decoded rows: the caller decodes what no worker has claimed yet,
    /// then waits for the chunks the workers hold. It hands the rows to
    /// `release` when it is done with them.
    func take() -> [DecodedRow] {
        decodeChunks()
        for _ in 0..<workers { finished.wait() }
        taken = true
        // Moved out, not copied: a copy would retain every row once more.
        return Array(unsafeUninitializedCapacity: rows.count) { buffer, count in
            _ = buffer.moveInitialize(fromContentsOf: rows)
            count = rows.count
        }
    }

    /// The batch's buffer, emptied, for another batch: only once ``take()``
    /// has returned (no thread reads it any longer).
    func emptiedBytes() -> BatchBytes {
        precondition(taken, "the batch is still being decoded")
        var emptied = BatchBytes(capacity: 0)
        swap(&emptied, &bytes)
        emptied.empty()
        return emptied
    }

    /// Frees checked rows on a thread of their own: freeing a batch of
    /// entries was an eighth of the sequential replay's time, and the
    /// decoding threads have time to spare.
    static func release(_ rows: consuming [DecodedRow]) { System.release(rows) }
}

enum System {
    static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// Frees `value` on a thread of its own, for a caller with better use
    /// for its time than freeing (`value` must be its only owner, and must
    /// hold nothing that minds the thread it is freed on).
    static func release<Value>(_ value: consuming Value) {
        let box = Box(value)
        Thread.detachNewThread { box.value = nil }
    }

    private final class Box<Value>: @unchecked Sendable {
        var value: Value?
        init(_ value: consuming Value) { self.value = value }
    }
}
