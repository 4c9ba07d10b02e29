/// Splits a byte stream into lines, never holding more than one line of at
/// most `maxLineBytes` (PROTOCOL.md: one request or batch per line).
///
/// A line longer than the limit is not buffered: the framer drops its bytes
/// as they arrive, counts them, and reports ``Frame/tooLarge(bytes:)`` when
/// its `\n` comes, so that the stream goes on with the next line and memory
/// stays bounded whatever a client sends.
///
/// ```swift
/// var framer = LineFramer(maxLineBytes: 1024)
/// framer.feed(chunk) { frame in handle(frame) }
/// framer.finish { frame in handle(frame) }   // at end of input
/// ```
public struct LineFramer: Sendable {
    /// One line of input, without its `\n`.
    public enum Frame: Sendable, Equatable {
        case line([UInt8])
        /// A line over the limit, and how long it was.
        case tooLarge(bytes: Int)
    }

    /// Longest line passed on whole, in bytes without its `\n`.
    public let maxLineBytes: Int
    /// The start of the current line, when it has not ended in an earlier chunk.
    private var pending: [UInt8] = []
    /// Inside an overlong line: its bytes are counted, not kept.
    private var skipping = false
    private var skippedBytes = 0

    /// A framer for lines of at most `maxLineBytes` bytes.
    public init(maxLineBytes: Int) {
        precondition(maxLineBytes > 0, "a line limit must be positive")
        self.maxLineBytes = maxLineBytes
    }

    /// Feeds the next bytes of the stream; calls `emit` for each line they complete.
    public mutating func feed<E: Error>(_ chunk: UnsafeBufferPointer<UInt8>, emit: (Frame) throws(E) -> Void) throws(E) {
        var start = 0
        while start < chunk.count {
            guard let newline = chunk[start...].firstIndex(of: 0x0A) else {
                take(chunk[start...])
                return
            }
            take(chunk[start..<newline])
            try emit(endLine())
            start = newline + 1
        }
    }

    /// Feeds bytes from an array (for tests and small inputs).
    public mutating func feed<E: Error>(_ bytes: [UInt8], emit: (Frame) throws(E) -> Void) throws(E) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(E) in try self.feed(buffer, emit: emit) }
    }

    /// Ends the stream: a last line without `\n` still counts.
    public mutating func finish<E: Error>(emit: (Frame) throws(E) -> Void) throws(E) {
        guard skipping || !pending.isEmpty else { return }
        try emit(endLine())
    }

    private mutating func take(_ part: Slice<UnsafeBufferPointer<UInt8>>) {
        if skipping {
            skippedBytes += part.count
        } else if pending.count + part.count > maxLineBytes {
            skipping = true
            skippedBytes = pending.count + part.count
            pending = []  // releases the partial line now, not when it ends
        } else {
            pending.append(contentsOf: part)
        }
    }

    private mutating func endLine() -> Frame {
        defer {
            pending.removeAll(keepingCapacity: pending.capacity <= 64 * 1024)
            skipping = false
            skippedBytes = 0
        }
        return skipping ? .tooLarge(bytes: skippedBytes) : .line(pending)
    }
}
