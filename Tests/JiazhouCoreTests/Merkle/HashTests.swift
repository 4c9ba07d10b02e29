import JiazhouCore
import Testing

@Suite("Hash")
struct HashTests {
    private static let hex = "6aa557f2f04d887dbadbab6b6f8f33014a42f10d24c4c45e433b2d58a3294953"

    @Test func lowercaseHexRoundTrips() throws {
        let hash = try #require(Hash(hex: Self.hex))
        #expect(hash.hex == Self.hex)
        #expect(hash.bytes == bytes(hex: Self.hex))
    }

    @Test(arguments: [
        hex.uppercased(),  // hashes are lowercase hex on the wire
        String(hex.dropLast(2)),  // 31 bytes
        hex + "00",  // 33 bytes
        String(hex.dropLast()),  // odd length
        String(hex.dropLast()) + "g",  // not hex
        "",
    ])
    func anythingButSixtyFourLowercaseHexDigitsIsRejected(_ text: String) {
        #expect(Hash(hex: text) == nil)
    }

    @Test func onlyThirtyTwoBytesMakeAHash() {
        #expect(Hash(bytes: [UInt8](repeating: 7, count: 31)) == nil)
        #expect(Hash(bytes: [UInt8](repeating: 7, count: 33)) == nil)
        #expect(Hash(bytes: [UInt8](repeating: 7, count: 32))?.bytes == [UInt8](repeating: 7, count: 32))
    }

    @Test func zeroIsSixtyFourZeroDigits() {
        #expect(Hash.zero.hex == String(repeating: "0", count: 64))
    }
}
