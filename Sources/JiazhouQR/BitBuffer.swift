/// Bits appended most significant first, as a symbol's data stream is
/// written (ISO/IEC 18004:2015 §7.4).
struct BitBuffer {
    private(set) var bits: [Bool] = []

    var count: Int { bits.count }

    mutating func append(_ value: Int, bits width: Int) {
        precondition(width >= 0 && width <= 31 && value >> width == 0, "the value must fit its field")
        for shift in stride(from: width - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    /// The bits as bytes; `count` must be a multiple of 8.
    var bytes: [UInt8] {
        precondition(bits.count % 8 == 0, "only whole codewords become bytes")
        return stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
    }
}
