@testable import JiazhouNationalCrypto
import Testing

@Suite("SM2 keys, signing and verification")
struct SM2KeyTests {
    @Test func aGeneratedKeyRoundTripsThroughItsRawForms() throws {
        let key = try SM2.PrivateKey.generate()
        #expect(key.rawRepresentation.count == 32)
        #expect(key.publicKey.rawRepresentation.count == 65)
        #expect(key.publicKey.rawRepresentation.first == 0x04)
        let again = try SM2.PrivateKey(rawRepresentation: key.rawRepresentation)
        #expect(again.publicKey == key.publicKey)
        #expect(try SM2.PublicKey(rawRepresentation: key.publicKey.rawRepresentation) == key.publicKey)
    }

    @Test func twoGeneratedKeysDiffer() throws {
        #expect(try SM2.PrivateKey.generate().rawRepresentation != SM2.PrivateKey.generate().rawRepresentation)
    }

    @Test(arguments: [0, 1, 3, 64, 1000])
    func aSignatureOfAGeneratedKeyVerifiesAndIsSixtyFourCanonicalBytes(_ length: Int) throws {
        let key = try SM2.PrivateKey.generate()
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let signature = try key.sign(message)
        #expect(signature.count == 64)
        #expect(try SM2.Signature(rawRepresentation: signature).rawRepresentation == signature, "r and s in [1, n − 1]")
        #expect(try key.publicKey.verify(signature, for: message))
    }

    @Test func signingIsRandomisedAndBothSignaturesVerify() throws {
        let key = try SM2.PrivateKey.generate()
        let message = Array("jiazhou.example/shizhong\n17\n".utf8)
        let first = try key.sign(message)
        let second = try key.sign(message)
        #expect(first != second)
        #expect(try key.publicKey.verify(first, for: message))
        #expect(try key.publicKey.verify(second, for: message))
    }

    @Test func aSignatureDoesNotVerifyForAnotherMessageKeyOrID() throws {
        let key = try SM2.PrivateKey.generate()
        let other = try SM2.PrivateKey.generate()
        let message = Array("award 20".utf8)
        let signature = try key.sign(message)
        #expect(try !key.publicKey.verify(signature, for: Array("award 21".utf8)))
        #expect(try !other.publicKey.verify(signature, for: message))
        var flipped = signature
        flipped[63] ^= 1
        #expect(try !key.publicKey.verify(flipped, for: message))
        let underAnotherID = try key.sign(message, distinguishingID: Array("ALICE123@YAHOO.COM".utf8))
        #expect(try !key.publicKey.verify(underAnotherID, for: message))
        #expect(try key.publicKey.verify(underAnotherID, for: message, distinguishingID: Array("ALICE123@YAHOO.COM".utf8)))
    }

    @Test(arguments: [0, 63, 65, 72])
    func aSignatureOfTheWrongLengthIsInvalidNotAnError(_ length: Int) throws {
        let key = try SM2.PrivateKey.generate()
        #expect(try !key.publicKey.verify([UInt8](repeating: 1, count: length), for: [1, 2, 3]))
    }

    @Test func aSignatureWithROrSOutOfRangeIsRefusedBeforeLibcrypto() throws {
        let n = SM2.order
        let one = [UInt8](repeating: 0, count: 31) + [1]
        for (r, s) in [(n, one), (one, n), ([UInt8](repeating: 0, count: 32), one), (one, [UInt8](repeating: 0xFF, count: 32))] {
            #expect(throws: NationalCryptoError.self) { try SM2.Signature(rawRepresentation: r + s) }
        }
        var nMinusOne = n
        nMinusOne[31] -= 1
        #expect(try SM2.Signature(rawRepresentation: nMinusOne + one).r.elementsEqual(nMinusOne))
    }

    @Test func theErrorSaysWhatIsWrong() throws {
        let error = try #require(throws: NationalCryptoError.self) { try SM2.PublicKey(rawRepresentation: [0x04] + [UInt8](repeating: 0, count: 64)) }
        #expect(error.kind == .invalidInput)
        #expect(error.description.hasPrefix("invalid_input: not an SM2 key"))
        let short = try #require(throws: NationalCryptoError.self) { try SM2.PrivateKey(rawRepresentation: [1, 2, 3]) }
        #expect(short.message == "an SM2 private key is 32 bytes, not 3")
    }
}
