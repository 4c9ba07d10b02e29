import JiazhouRPC
import Synchronization

/// Input from memory, handed out `chunkBytes` at a time so that tests cross
/// every line boundary the framer must handle.
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private let chunkBytes: Int
    private let position = Mutex(0)

    init(_ bytes: [UInt8], chunkBytes: Int = 4096) {
        self.bytes = bytes
        self.chunkBytes = chunkBytes
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        position.withLock { position in
            let count = min(chunkBytes, buffer.count, bytes.count - position)
            guard count > 0 else { return 0 }
            bytes[position..<position + count].withUnsafeBytes { buffer.copyMemory(from: $0) }
            position += count
            return count
        }
    }
}

/// Output to memory; `failAfterWrites` makes later writes fail like a closed pipe.
final class MemorySink: ByteSink {
    struct Closed: Error {}
    private let state = Mutex((bytes: [UInt8](), writes: 0))
    private let failAfterWrites: Int?

    init(failAfterWrites: Int? = nil) { self.failAfterWrites = failAfterWrites }

    func write(_ bytes: [UInt8]) throws {
        try state.withLock { state in
            if let failAfterWrites, state.writes >= failAfterWrites { throw Closed() }
            state.writes += 1
            state.bytes += bytes
        }
    }

    var text: String { String(decoding: state.withLock { $0.bytes }, as: UTF8.self) }

    /// The lines written, without their `\n`.
    var lines: [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
