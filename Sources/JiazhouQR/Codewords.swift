/// The sequence of codewords placed in a symbol (ISO/IEC 18004:2015 §7.4,
/// §7.6): the byte-mode data stream padded to the version's capacity, split
/// into blocks, each block given its error correction, then all of them
/// interleaved a codeword at a time.
enum Codewords {
    static func make(bytes: [UInt8], version: Version) -> [UInt8] {
        interleave(data: dataCodewords(bytes: bytes, version: version), version: version)
    }

    /// Mode indicator, count, the bytes, a terminator of up to four zero
    /// bits, zeros to the byte boundary, then the pad codewords 11101100 and
    /// 00010001 in turn (§7.4.10).
    static func dataCodewords(bytes: [UInt8], version: Version) -> [UInt8] {
        precondition(bytes.count <= version.byteCapacity, "the caller picks a version that holds the bytes")
        let capacityBits = version.dataCodewords * 8
        var buffer = BitBuffer()
        buffer.append(0b0100, bits: 4)
        buffer.append(bytes.count, bits: version.byteCountBits)
        for byte in bytes { buffer.append(Int(byte), bits: 8) }
        buffer.append(0, bits: min(4, capacityBits - buffer.count))
        buffer.append(0, bits: (8 - buffer.count % 8) % 8)
        var codewords = buffer.bytes
        var pad: UInt8 = 0xEC
        while codewords.count < version.dataCodewords {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Blocks of the shorter length come first; each longer block holds one
    /// more data codeword (Table 9's "(c, k, r)" pairs).
    static func interleave(data: [UInt8], version: Version) -> [UInt8] {
        let blockCount = version.blockCount
        let correction = version.correctionCodewordsPerBlock
        let shortData = version.dataCodewords / blockCount
        let longBlocks = version.dataCodewords % blockCount
        let encoder = ReedSolomon(degree: correction)
        var blocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blockCount {
            let length = shortData + (index >= blockCount - longBlocks ? 1 : 0)
            blocks.append(Array(data[start..<start + length]))
            start += length
        }
        let corrections = blocks.map(encoder.remainder(of:))
        var result: [UInt8] = []
        result.reserveCapacity(version.totalCodewords)
        for position in 0...shortData {
            for block in blocks where position < block.count { result.append(block[position]) }
        }
        for position in 0..<correction {
            for block in corrections { result.append(block[position]) }
        }
        return result
    }
}
