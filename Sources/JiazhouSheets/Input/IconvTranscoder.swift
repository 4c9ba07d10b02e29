#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An encoding to UTF-8 through the C library's `iconv(3)`: glibc's
/// converter for GB18030 covers the whole of GB 18030 (one-, two- and
/// four-byte sequences), so no mapping table of ours can drift from it.
///
/// A class because it owns the `iconv_t` and closes it when it goes away.
final class IconvTranscoder: Transcoder {
    private let converter: iconv_t
    private let encodingName: String
    /// The start of a multibyte sequence cut by the previous chunk's end (at
    /// most 3 bytes: GB18030's longest sequence is 4).
    private var carry: [UInt8] = []
    /// Where iconv writes; appended to the output when full or done.
    private var scratch = [UInt8](repeating: 0, count: 16 * 1024)

    /// A converter from `encodingName` to UTF-8; traps if the C library lacks it,
    /// since the reader cannot do its job without it.
    init(fromEncoding encodingName: String) {
        let converter = iconv_open("UTF-8", encodingName)
        guard let converter, converter != iconv_t(bitPattern: -1) else {
            preconditionFailure("the C library has no iconv converter from \(encodingName) (glibc's gconv modules are missing)")
        }
        self.converter = converter
        self.encodingName = encodingName
    }

    deinit { iconv_close(converter) }

    var heldBytes: Int { scratch.capacity + carry.capacity }

    func transcode(_ input: UnsafeRawBufferPointer, isLast: Bool, into output: inout [UInt8]) {
        if carry.isEmpty {
            convert(input, isLast: isLast, into: &output)
        } else {
            // Rare (once per chunk at most), so copying the chunk behind the carried bytes is fine.
            let joined = carry + Array(input)
            carry = []
            joined.withUnsafeBytes { convert($0, isLast: isLast, into: &output) }
        }
    }

    private func convert(_ input: UnsafeRawBufferPointer, isLast: Bool, into output: inout [UInt8]) {
        guard !input.isEmpty else { return }
        var inLeft = input.count
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: CChar.self))
        scratch.withUnsafeMutableBytes { scratchBytes in
            let scratchStart = scratchBytes.baseAddress!.assumingMemoryBound(to: CChar.self)
            func flush(_ outPointer: UnsafeMutablePointer<CChar>?) {
                let written = outPointer! - scratchStart
                output.append(contentsOf: UnsafeRawBufferPointer(start: scratchStart, count: written))
            }
            while inLeft > 0 {
                var outPointer: UnsafeMutablePointer<CChar>? = scratchStart
                var outLeft = scratchBytes.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                let failure = errno
                flush(outPointer)
                if result != -1 { return }
                switch failure {
                case E2BIG:
                    continue
                case EINVAL where !isLast:
                    // A character cut by the chunk's end: finish it with the next chunk.
                    carry = Array(UnsafeRawBufferPointer(start: inPointer, count: inLeft))
                    return
                case EINVAL:
                    output.append(Transcoders.undecodable)
                    return
                default:
                    // EILSEQ: skip one byte and go on, so that an ASCII byte
                    // after a bad lead byte (a line end) is still read.
                    output.append(Transcoders.undecodable)
                    inPointer = inPointer! + 1
                    inLeft -= 1
                }
            }
        }
    }
}
