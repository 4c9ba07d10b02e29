/// Where a sheet's bytes come from: a file (``SheetFile``), bytes in memory
/// (``SheetBytes``), or anything else that can hand them over a chunk at a
/// time, such as an HTTP request body.
///
/// The reader asks for at most ``SheetLimits/chunkBytes`` at a time and never
/// keeps more than one chunk, so a source may be as long as it likes.
public protocol SheetSource {
    /// Reads at most `buffer.count` bytes into `buffer`; how many, or 0 at the
    /// end of the sheet. Fewer bytes than asked for is fine.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A sheet held in memory, handed out in chunks of at most `chunkBytes`, so
/// that tests can cut a sheet anywhere (inside a character, inside a quoted
/// cell) and get the same rows as from one piece.
public struct SheetBytes: SheetSource, Sendable {
    /// The whole sheet.
    public let bytes: [UInt8]
    /// The most bytes one `read` returns.
    public let chunkBytes: Int
    private var offset = 0

    /// A source over `bytes` that returns at most `chunkBytes` a read.
    public init(_ bytes: [UInt8], chunkBytes: Int = .max) {
        precondition(chunkBytes > 0, "a chunk holds at least one byte")
        self.bytes = bytes
        self.chunkBytes = chunkBytes
    }

    /// Copies the next bytes, at most `chunkBytes`.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, chunkBytes, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.baseAddress!.copyMemory(from: all.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
