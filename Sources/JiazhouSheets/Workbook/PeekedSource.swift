/// A source whose first bytes were read to tell what it is, handed out again
/// before the rest, so that the CSV reader sees the sheet from its start.
struct PeekedSource: SheetSource {
    private var source: any SheetSource
    private(set) var head: [UInt8] = []
    private var headOffset = 0

    /// Reads up to `count` bytes of `source` (fewer only at its end).
    init(_ source: any SheetSource, peeking count: Int) throws(SheetError) {
        self.source = source
        var buffer = [UInt8](repeating: 0, count: count)
        while head.count < count {
            let read = try Self.read(&self.source, into: &buffer, upTo: count - head.count)
            if read == 0 { break }
            head += buffer[..<read]
        }
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard headOffset < head.count else { return try source.read(into: buffer) }
        let count = min(buffer.count, head.count - headOffset)
        buffer.copyBytes(from: head[headOffset..<headOffset + count])
        headOffset += count
        return count
    }

    /// The whole source, if it is at most `limit` bytes.
    mutating func readAll(limit: Int, tooLarge: SheetError) throws(SheetError) -> [UInt8] {
        var bytes = Array(head[headOffset...])
        headOffset = head.count
        var buffer = [UInt8](repeating: 0, count: SheetLimits.chunkBytes)
        while true {
            let read = try Self.read(&source, into: &buffer, upTo: buffer.count)
            if read == 0 { return bytes }
            guard bytes.count + read <= limit else { throw tooLarge }
            bytes += buffer[..<read]
        }
    }

    private static func read(_ source: inout any SheetSource, into buffer: inout [UInt8], upTo count: Int) throws(SheetError) -> Int {
        do {
            let read = try buffer.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<count])) }
            precondition((0...count).contains(read), "a sheet source returned \(read) bytes for a buffer of \(count)")
            return read
        } catch let error as SheetError {
            throw error
        } catch {
            throw SheetError(.read_failed, "cannot read the sheet: \(error)", cause: "\(error)")
        }
    }
}
