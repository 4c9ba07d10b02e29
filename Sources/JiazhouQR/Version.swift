/// One of the forty symbol sizes, with the block structure of error
/// correction level M (ISO/IEC 18004:2015 Table 9). Level M restores up to
/// about 15 % of a damaged symbol: enough for a card in a wallet or a
/// phone screen with a scratch, without the size of Q or H.
struct Version: Sendable, Equatable {
    /// 1 to 40.
    let number: Int

    init(_ number: Int) {
        precondition(Self.range.contains(number), "QR versions are 1 to 40")
        self.number = number
    }

    static let range = 1...40

    /// Modules on a side: 21 for version 1, four more for each version after.
    var size: Int { 17 + 4 * number }

    /// Error correction codewords in each block, level M (Table 9).
    var correctionCodewordsPerBlock: Int { Self.correctionPerBlock[number] }

    /// Blocks the codewords are split into, level M (Table 9).
    var blockCount: Int { Self.blocks[number] }

    /// Every codeword the symbol holds, data and error correction: the
    /// modules left once the function patterns are drawn, in whole bytes.
    var totalCodewords: Int { Self.totalCodewordTable[number] }

    /// Worked out once: drawing a version's patterns to count them costs a
    /// pass over up to 177×177 modules, and choosing a version asks often.
    private static let totalCodewordTable = [0] + range.map { FunctionPatterns.grid(version: Version($0)).freeModuleCount / 8 }

    var dataCodewords: Int { totalCodewords - correctionCodewordsPerBlock * blockCount }

    /// Width of the byte mode's character count (Table 3).
    var byteCountBits: Int { number <= 9 ? 8 : 16 }

    /// The most bytes this version holds in byte mode at level M.
    var byteCapacity: Int { (dataCodewords * 8 - 4 - byteCountBits) / 8 }

    /// Centres of the alignment patterns on each axis (Annex E): the first
    /// at 6, the last 7 from the far edge, the rest evenly spaced by an even
    /// step (version 32's step is the one exception the table makes).
    var alignmentCentres: [Int] {
        guard number > 1 else { return [] }
        let count = number / 7 + 2
        let step = number == 32 ? 26 : (number * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        let last = size - 7
        return [6] + (0..<(count - 1)).reversed().map { last - $0 * step }
    }

    // Index 0 is unused, so that a version number indexes its row.
    private static let correctionPerBlock = [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ]
    private static let blocks = [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ]

    /// The smallest version at or above `minimum` that holds `byteCount` bytes.
    static func smallest(holding byteCount: Int, from minimum: Int = 1) -> Version? {
        (max(minimum, 1)...40).lazy.map(Version.init).first { $0.byteCapacity >= byteCount }
    }
}
