/// Turns a sheet's bytes into UTF-8, one chunk after another, carrying a
/// character cut by a chunk's end over to the next chunk.
///
/// A byte that cannot be decoded becomes 0xFF in the output. 0xFF never
/// occurs in UTF-8, so the row's own UTF-8 check reports it later with its
/// row and column; and since every byte that shapes a CSV (delimiter, quote,
/// line end) is ASCII, the rows around it keep their shape.
protocol Transcoder {
    /// Appends the UTF-8 of `input` to `output`. `isLast`: nothing follows,
    /// so a cut-off character is undecodable rather than carried over.
    mutating func transcode(_ input: UnsafeRawBufferPointer, isLast: Bool, into output: inout [UInt8])
    /// Bytes held between chunks, for ``SheetReader/heldBytes``.
    var heldBytes: Int { get }
}

enum Transcoders {
    /// The byte standing for one that could not be decoded.
    static let undecodable: UInt8 = 0xFF

    /// A transcoder for `encoding`; `nil` for UTF-8, which is read as it is.
    static func make(for encoding: SheetEncoding) -> (any Transcoder)? {
        switch encoding {
        case .utf8: nil
        case .utf16LittleEndian: UTF16Transcoder(bigEndian: false)
        case .utf16BigEndian: UTF16Transcoder(bigEndian: true)
        case .gb18030: IconvTranscoder(fromEncoding: "GB18030")
        }
    }

    /// Appends the UTF-8 of one Unicode scalar value.
    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(0xC0 | UInt8(scalar >> 6))
            output.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(0xE0 | UInt8(scalar >> 12))
            output.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            output.append(0x80 | UInt8(scalar & 0x3F))
        default:
            output.append(0xF0 | UInt8(scalar >> 18))
            output.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            output.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            output.append(0x80 | UInt8(scalar & 0x3F))
        }
    }
}
