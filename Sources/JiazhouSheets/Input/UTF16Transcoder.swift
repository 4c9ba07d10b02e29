/// UTF-16 (RFC 2781) to UTF-8. A chunk may end between the two bytes of a
/// code unit or between the two halves of a surrogate pair; both are carried
/// over. An unpaired surrogate, or an odd last byte, is undecodable.
struct UTF16Transcoder: Transcoder {
    let bigEndian: Bool
    /// The first byte of a code unit whose second byte is in the next chunk.
    private var pendingByte: UInt8?
    /// A high surrogate waiting for its low half.
    private var pendingHigh: UInt16?

    init(bigEndian: Bool) { self.bigEndian = bigEndian }

    var heldBytes: Int { 0 }

    mutating func transcode(_ input: UnsafeRawBufferPointer, isLast: Bool, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + input.count / 2 * 3 + 8)  // each 2-byte unit is at most 3 bytes of UTF-8
        var i = 0
        if let first = pendingByte, !input.isEmpty {
            pendingByte = nil
            take(unit(first, input[0]), into: &output)
            i = 1
        }
        while i + 1 < input.count {
            let unit = unit(input[i], input[i + 1])
            if unit < 0x80, pendingHigh == nil {
                output.append(UInt8(unit))  // ASCII: most of a sheet
            } else {
                take(unit, into: &output)
            }
            i += 2
        }
        if i < input.count { pendingByte = input[i] }
        if isLast {
            if pendingHigh != nil { output.append(Transcoders.undecodable) }
            if pendingByte != nil { output.append(Transcoders.undecodable) }
            pendingHigh = nil
            pendingByte = nil
        }
    }

    @inline(__always)
    private func unit(_ a: UInt8, _ b: UInt8) -> UInt16 {
        bigEndian ? UInt16(a) << 8 | UInt16(b) : UInt16(b) << 8 | UInt16(a)
    }

    private mutating func take(_ unit: UInt16, into output: inout [UInt8]) {
        if let high = pendingHigh {
            pendingHigh = nil
            if (0xDC00...0xDFFF).contains(unit) {
                let scalar = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
                Transcoders.appendUTF8(scalar, to: &output)
                return
            }
            output.append(Transcoders.undecodable)  // the high half had no low half
        }
        switch unit {
        case 0xD800...0xDBFF: pendingHigh = unit
        case 0xDC00...0xDFFF: output.append(Transcoders.undecodable)
        default: Transcoders.appendUTF8(UInt32(unit), to: &output)
        }
    }
}
