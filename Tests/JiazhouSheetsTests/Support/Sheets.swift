#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JiazhouSheets

/// Reading sheets from text in tests.
enum Sheets {
    /// Reads `bytes` whole, or cut into reads of `chunkBytes` that the reader
    /// also processes one by one.
    static func read(_ bytes: [UInt8], chunkBytes: Int = SheetLimits.chunkBytes, options: SheetOptions = .init()) throws(SheetError) -> SheetReport {
        var options = options
        options.chunkBytes = min(chunkBytes, SheetLimits.chunkBytes)
        return try SheetReader(source: SheetBytes(bytes, chunkBytes: chunkBytes), options: options).readAll()
    }

    static func read(_ text: String, chunkBytes: Int = SheetLimits.chunkBytes, options: SheetOptions = .init()) throws(SheetError) -> SheetReport {
        try read(Array(text.utf8), chunkBytes: chunkBytes, options: options)
    }

    /// The sheet-level error reading `text` throws, if any.
    static func error(_ bytes: [UInt8], options: SheetOptions = .init()) -> SheetError? {
        do {
            _ = try read(bytes, options: options)
            return nil
        } catch {
            return error
        }
    }

    static func error(_ text: String, options: SheetOptions = .init()) -> SheetError? { error(Array(text.utf8), options: options) }

    /// `text` in `encoding`, with the encoding's byte order mark if asked.
    /// GB18030 goes through the C library's iconv (the reader's decoder is
    /// checked against fixed bytes from Python in EncodingTests too).
    static func encode(_ text: String, _ encoding: SheetEncoding, byteOrderMark: Bool = false) -> [UInt8] {
        let mark = byteOrderMark ? encoding.byteOrderMark : []
        switch encoding {
        case .utf8:
            return mark + Array(text.utf8)
        case .utf16LittleEndian:
            return mark + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BigEndian:
            return mark + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case .gb18030:
            return iconvEncode(text, to: "GB18030")
        }
    }

    private static func iconvEncode(_ text: String, to encoding: String) -> [UInt8] {
        let converter = iconv_open(encoding, "UTF-8")!
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let written = input.withUnsafeMutableBytes { inBytes in
            output.withUnsafeMutableBytes { outBytes in
                var inPointer: UnsafeMutablePointer<CChar>? = inBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = outBytes.baseAddress!.assumingMemoryBound(to: CChar.self)
                var inLeft = inBytes.count, outLeft = outBytes.count
                precondition(iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, "iconv could not encode the test text")
                return outBytes.count - outLeft
            }
        }
        return Array(output[..<written])
    }

    /// `(row, column letters, reason)` of each problem, to compare in one line.
    static func places(_ report: SheetReport) -> [String] {
        report.problems.map { "\($0.row)\($0.column.map { " " + $0.letters } ?? "") \($0.reason.rawValue)" }
    }
}

/// A source that fails after handing out some bytes, like a disk that goes away.
struct FailingSource: SheetSource {
    struct Gone: Error {}
    var bytes: [UInt8]

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !bytes.isEmpty else { throw Gone() }
        let count = min(buffer.count, bytes.count)
        buffer.copyBytes(from: bytes[..<count])
        bytes.removeFirst(count)
        return count
    }
}
