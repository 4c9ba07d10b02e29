/// The BCH-protected format and version information (ISO/IEC 18004:2015
/// §7.9, §7.10, Annex C and D).
enum Information {
    /// Level M's two-bit indicator (Table 12: L 01, M 00, Q 11, H 10).
    static let levelM = 0b00

    /// Five data bits (level, mask) and ten BCH(15,5) bits with generator
    /// 0x537, xored with 101010000010010 so that no format is all light.
    static func formatBits(mask: Mask) -> Int {
        let data = levelM << 3 | mask.reference
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// Six version bits and twelve Golay (18,6) bits with generator 0x1F25.
    static func versionBits(_ number: Int) -> Int {
        var remainder = number
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return number << 12 | remainder
    }
}
