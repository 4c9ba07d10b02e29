import JiazhouTesting
import Testing

@testable import JiazhouQR

/// Every symbol the encoder makes must be read back, byte for byte, by a
/// decoder written by others (ZBar).
@Suite(.serialized) struct DecodeTests {
    /// Lengths at both edges of each version: the longest text a version
    /// holds, and one byte more (the next version's smallest).
    static let edgeLengths: [Int] = Version.range.flatMap { number in
        let capacity = Version(number).byteCapacity
        return number == 40 ? [capacity] : [capacity, capacity + 1]
    }

    @Test(arguments: edgeLengths)
    func zbarReadsBackTextOfEveryVersionsEdgeLengths(length: Int) throws {
        let bytes = (0..<length).map { UInt8(($0 * 37 + length) % 95 + 32) }
        let code = try QRCode(bytes: bytes)
        #expect(code.version == Version.smallest(holding: length)!.number)
        #expect(try Decoder.decode(code) == bytes)
    }

    @Test(arguments: Mask.all.map(\.reference))
    func zbarReadsEveryMask(mask: Int) throws {
        for (text, version) in [("jiazhou", 1), ("K7QD-3M9X", 7)] {
            let code = try QRCode(encoding: text, minimumVersion: version, mask: mask)
            #expect(code.mask == mask)
            #expect(try Decoder.decode(code) == Array(text.utf8))
        }
    }

    /// What the pages show: a one-time code, a sign-in link of about 120
    /// bytes, a certificate check link, Chinese text, and bytes that are
    /// not text at all.
    @Test(arguments: [
        "K7QD-3M9X",
        "http://127.0.0.1:8080/#t=jz_" + String(repeating: "Q4x", count: 30),
        "https://points.example/#check=0123456789abcdef0123456789abcdef",
        "嘉州积分 志愿服务证明 乐山市市中区",
    ])
    func zbarReadsWhatThePagesShow(text: String) throws {
        #expect(try Decoder.decode(try QRCode(encoding: text)) == Array(text.utf8))
    }

    @Test func zbarReadsArbitraryBytes() throws {
        var random = SplitMix(seed: 16)
        for length in [1, 2, 17, 100, 255, 256, 600] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(try Decoder.decode(try QRCode(bytes: bytes)) == bytes, "length \(length)")
        }
    }
}

