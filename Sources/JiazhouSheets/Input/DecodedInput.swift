/// The sheet as UTF-8 text, one piece at a time: reads the source, chooses
/// the encoding from the first ``SheetLimits/detectionBytes``, skips a byte
/// order mark, and decodes chunk by chunk.
///
/// Holds one chunk of input and its decoded text (at most 1.5 times as long:
/// UTF-16 and GB18030 take two bytes for what UTF-8 takes three), plus the
/// detection window until it has been handed out.
struct DecodedInput {
    private var source: any SheetSource
    let encoding: SheetEncoding
    let evidence: SheetEncoding.Evidence
    private var transcoder: (any Transcoder)?
    private let chunkBytes: Int
    /// The first bytes read, kept to detect the encoding, then handed out a chunk at a time.
    private var window: [UInt8]
    private var windowOffset: Int
    private var sourceEnded: Bool
    private var raw: [UInt8] = []
    /// The current piece of UTF-8 text: `text[..<textEnd]`.
    private(set) var text: [UInt8] = []
    private(set) var textEnd = 0

    init(source: any SheetSource, forcedEncoding: SheetEncoding?, chunkBytes: Int) throws(SheetError) {
        precondition((1...SheetLimits.chunkBytes).contains(chunkBytes), "a chunk is 1 to \(SheetLimits.chunkBytes) bytes")
        self.source = source
        self.chunkBytes = chunkBytes
        var window: [UInt8] = []
        var ended = false
        var buffer = [UInt8](repeating: 0, count: min(chunkBytes, SheetLimits.detectionBytes))
        while window.count < SheetLimits.detectionBytes {
            let count = try Self.read(from: &self.source, into: &buffer)
            if count == 0 {
                ended = true
                break
            }
            window.append(contentsOf: buffer[..<count])
        }
        let detected = window.withUnsafeBufferPointer { SheetEncoding.detect($0, isWholeSheet: ended) }
        let encoding = forcedEncoding ?? detected.0
        self.encoding = encoding
        evidence = forcedEncoding == nil ? detected.1 : .forced
        windowOffset = window.starts(with: encoding.byteOrderMark) && !encoding.byteOrderMark.isEmpty ? encoding.byteOrderMark.count : 0
        sourceEnded = ended
        self.window = window
        transcoder = Transcoders.make(for: encoding)
    }

    /// The first bytes of the sheet decoded, with a transcoder of their own,
    /// so that the delimiter can be chosen before any row is read. Only
    /// before the first ``advance()``, while the detection window is whole.
    func openingText() -> [UInt8] {
        precondition(windowOffset <= encoding.byteOrderMark.count, "the opening is read before any row")
        let bytes = window[windowOffset...]
        guard var transcoder = Transcoders.make(for: encoding) else { return Array(bytes) }
        var text: [UInt8] = []
        bytes.withUnsafeBytes { transcoder.transcode($0, isLast: true, into: &text) }
        return text
    }

    private static func read(from source: inout any SheetSource, into buffer: inout [UInt8]) throws(SheetError) -> Int {
        do {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            precondition((0...buffer.count).contains(count), "a sheet source returned \(count) bytes for a buffer of \(buffer.count)")
            return count
        } catch let error as SheetError {
            throw error
        } catch {
            throw SheetError(.read_failed, "cannot read the sheet: \(error)", cause: "\(error)")
        }
    }

    /// Replaces ``text`` with the next piece of the sheet (possibly empty);
    /// `false` once the sheet has ended and everything was handed out.
    mutating func advance() throws(SheetError) -> Bool {
        if raw.count < chunkBytes { raw = [UInt8](repeating: 0, count: chunkBytes) }
        let count: Int
        if windowOffset < window.count {
            count = min(chunkBytes, window.count - windowOffset)
            let start = windowOffset
            raw.withUnsafeMutableBufferPointer { raw in
                window.withUnsafeBufferPointer { window in
                    _ = raw.update(fromContentsOf: window[start..<start + count])
                }
            }
            windowOffset += count
            if windowOffset == window.count {
                window = []  // the window has served; free it
                windowOffset = 0
            }
        } else if !sourceEnded {
            count = try Self.read(from: &source, into: &raw)
            if count == 0 { sourceEnded = true }
        } else {
            return false
        }
        let isLast = sourceEnded && window.isEmpty
        if var transcoder {
            text.removeAll(keepingCapacity: true)
            raw.withUnsafeBytes { transcoder.transcode(UnsafeRawBufferPointer(rebasing: $0[..<count]), isLast: isLast, into: &text) }
            self.transcoder = transcoder
            textEnd = text.count
        } else {
            swap(&text, &raw)  // UTF-8 is scanned where it was read
            textEnd = count
        }
        return true
    }

    /// Bytes held by the buffers now.
    var heldBytes: Int { window.capacity + raw.capacity + text.capacity + (transcoder?.heldBytes ?? 0) }
}
