import JiazhouNationalCrypto
import Testing

@Suite("SM3 (GB/T 32905) known answers")
struct SM3Tests {
    /// Includes the standard's own examples: "abc" and "abcd" × 16.
    @Test(arguments: try SMVectors.load().sm3.cases)
    func theOneShotHashGivesTheKnownDigest(_ vector: SMVectors.SM3Case) throws {
        #expect(hex(try SM3.hash(bytes(hex: vector.messageHex))) == vector.digest)
    }

    @Test func theStandardsExamplesAreInTheVectors() throws {
        let digests = Dictionary(uniqueKeysWithValues: try SMVectors.load().sm3.cases.map { ($0.messageHex, $0.digest) })
        #expect(digests[hex(Array("abc".utf8))] == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
        #expect(digests[hex(Array(String(repeating: "abcd", count: 16).utf8))] == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
    }

    @Test(arguments: try SMVectors.load().sm3.cases)
    func theBufferFastPathGivesTheKnownDigest(_ vector: SMVectors.SM3Case) throws {
        let message = bytes(hex: vector.messageHex)
        var digest = [UInt8](repeating: 0xAA, count: 40)
        try message.withUnsafeBytes { input in
            try digest.withUnsafeMutableBytes { output in try SM3.hash(input, into: output) }
        }
        #expect(hex(digest.prefix(32)) == vector.digest)
        #expect(digest.suffix(8) == [UInt8](repeating: 0xAA, count: 8), "only 32 bytes are written")
    }

    /// Every split of the message into two parts gives the same digest.
    @Test(arguments: try SMVectors.load().sm3.cases.filter { $0.messageHex.count <= 2 * 130 })
    func theIncrementalHasherGivesTheKnownDigestAtEverySplit(_ vector: SMVectors.SM3Case) throws {
        let message = bytes(hex: vector.messageHex)
        var hasher = try SM3.Hasher()
        for split in 0...message.count {
            try hasher.update(message[..<split])
            try hasher.update(message[split...])
            #expect(hex(try hasher.finalize()) == vector.digest, "split at \(split)")
        }
    }

    @Test func aHasherStartsOverAfterFinalize() throws {
        var hasher = try SM3.Hasher()
        try hasher.update(Array("abc".utf8))
        let first = try hasher.finalize()
        #expect(hex(try hasher.finalize()) == hex(try SM3.hash([UInt8]())), "a finalised hasher hashes the empty message")
        try hasher.update(Array("abc".utf8))
        #expect(try hasher.finalize() == first)
    }

    @Test func aHasherTakesAnUnsafeBufferToo() throws {
        var hasher = try SM3.Hasher()
        try Array("ab".utf8).withUnsafeBytes { try hasher.update($0) }
        try hasher.update(Array("c".utf8))
        #expect(hex(try hasher.finalize()) == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    }

    /// Contiguous collections are hashed in place; others through one copy.
    @Test func anyCollectionOfBytesHashesLikeItsArray() throws {
        let message = Array(String(repeating: "abcd", count: 16).utf8)
        let expected = try SM3.hash(message)
        #expect(try SM3.hash(message[...]) == expected)
        #expect(try SM3.hash(message.lazy.map { $0 }) == expected)
        #expect(try SM3.hash(String(repeating: "abcd", count: 16).utf8) == expected)
        #expect(try SM3.leafHash(message.lazy.map { $0 }) == SM3.leafHash(message))
    }
}
