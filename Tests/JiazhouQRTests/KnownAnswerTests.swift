import Testing

@testable import JiazhouQR

/// Values the standard itself states (ISO/IEC 18004:2015), so that the
/// encoder's parts are right before a decoder looks at the whole.
struct KnownAnswerTests {
    /// Annex I's worked example, "01234567" as 1-M: its sixteen data
    /// codewords give these ten error correction codewords.
    @Test func reedSolomonMatchesTheWorkedExampleOfAnnexI() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let correction: [UInt8] = [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55]
        #expect(ReedSolomon(degree: 10).remainder(of: data) == correction)
    }

    /// Table 1's codewords per version, counted from the drawn patterns.
    @Test func everyVersionHoldsTheCodewordsOfTable1() {
        let table = [
            26, 44, 70, 100, 134, 172, 196, 242, 292, 346, 404, 466, 532, 581, 655, 733, 815, 901, 991, 1085,
            1156, 1258, 1364, 1474, 1588, 1706, 1828, 1921, 2051, 2185, 2323, 2465, 2611, 2761, 2876, 3034, 3196, 3362, 3532, 3706,
        ]
        #expect(Version.range.map { Version($0).totalCodewords } == table)
    }

    /// Table 7's byte-mode capacities at level M.
    @Test func byteCapacitiesAtLevelMMatchTable7() {
        let table = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666]
        #expect((1...20).map { Version($0).byteCapacity } == table)
        #expect(Version(40).byteCapacity == 2331)
    }

    /// Annex E's alignment pattern centres.
    @Test(arguments: [
        (1, []), (2, [6, 18]), (7, [6, 22, 38]), (10, [6, 28, 50]), (16, [6, 26, 50, 74]),
        (32, [6, 34, 60, 86, 112, 138]), (40, [6, 30, 58, 86, 114, 142, 170]),
    ])
    func alignmentCentresMatchAnnexE(version: Int, centres: [Int]) {
        #expect(Version(version).alignmentCentres == centres)
    }

    /// Annex C's format information for level M, masks 0 to 7.
    @Test func formatBitsMatchAnnexC() {
        let table = [0x5412, 0x5125, 0x5E7C, 0x5B4B, 0x45F9, 0x40CE, 0x4F97, 0x4AA0]
        #expect(Mask.all.map(Information.formatBits(mask:)) == table)
    }

    /// Annex D's version information.
    @Test(arguments: [(7, 0x07C94), (10, 0x0A4D3), (21, 0x15683), (40, 0x28C69)])
    func versionBitsMatchAnnexD(version: Int, bits: Int) {
        #expect(Information.versionBits(version) == bits)
    }

    /// §7.4.10: "AB" in byte mode — 0100, count 2, the bytes, the terminator — then pad codewords.
    @Test func byteModeDataIsPaddedWithTheTwoPadCodewords() {
        let data = Codewords.dataCodewords(bytes: Array("AB".utf8), version: Version(1))
        #expect(data == [0x40, 0x24, 0x14, 0x20, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
    }
}
