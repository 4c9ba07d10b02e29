import CJiazhouOpenSSL
@testable import JiazhouNationalCrypto
import Testing

@Suite("SM2 (GB/T 32918) known answers")
struct SM2VectorTests {
    /// GB/T 32918.5-2017 Annex A: the standard's key, message and signature on the recommended curve.
    @Test func thePublishedExampleKeyGivesThePublishedPublicKey() throws {
        let example = try SMVectors.load().sm2.publishedExample
        let key = try SM2.PrivateKey(rawRepresentation: bytes(hex: example.privateKey))
        #expect(hex(key.publicKey.rawRepresentation) == example.publicKey)
        #expect(hex(key.rawRepresentation) == example.privateKey)
    }

    @Test func thePublishedExampleSignatureVerifies() throws {
        let example = try SMVectors.load().sm2.publishedExample
        #expect(example.idUtf8 == "1234567812345678")
        let key = try SM2.PublicKey(rawRepresentation: bytes(hex: example.publicKey))
        #expect(try key.verify(bytes(hex: example.signature), for: bytes(hex: example.messageHex)))
        #expect(try hex(SM2.Signature(rawRepresentation: bytes(hex: example.signature)).derRepresentation()) == example.signatureDer)
        #expect(try !key.verify(bytes(hex: example.signature), for: bytes(hex: example.messageHex), distinguishingID: []),
                "libcrypto's own default (an empty id) is not what is used")
    }

    @Test func theDefaultIDIsTheStandardsOne() throws {
        #expect(SM2.defaultDistinguishingID == Array(try SMVectors.load().sm2.defaultIdUtf8.utf8))
        #expect(SM2.defaultDistinguishingID.count * 8 == 0x80, "ENTL_A = 0x0080")
    }

    @Test(arguments: try SMVectors.load().sm2.signaturesThatVerify)
    func aSignatureThatMustVerifyVerifies(_ vector: SMVectors.SignatureCase) throws {
        let key = try SM2.PublicKey(rawRepresentation: bytes(hex: vector.publicKey))
        #expect(try key.verify(bytes(hex: vector.signature), for: bytes(hex: vector.messageHex)))
    }

    @Test(arguments: try SMVectors.load().sm2.signaturesThatMustNotVerify)
    func aSignatureThatMustNotVerifyDoesNot(_ vector: SMVectors.SignatureCase) throws {
        let key = try SM2.PublicKey(rawRepresentation: bytes(hex: vector.publicKey))
        #expect(try !key.verify(bytes(hex: vector.signature), for: bytes(hex: vector.messageHex)), "\(vector.why ?? "")")
        #expect(ERR_peek_error() == 0, "a refusal leaves nothing on libcrypto's error queue")
    }

    /// The wrong-id vector fails only because of its id: under its own id it verifies.
    @Test func theWrongIDVectorIsAGenuineSignatureUnderItsOwnID() throws {
        let vector = try #require(try SMVectors.load().sm2.signaturesThatMustNotVerify.first { $0.name == "wrong_id" })
        let key = try SM2.PublicKey(rawRepresentation: bytes(hex: vector.publicKey))
        let signature = bytes(hex: vector.signature)
        #expect(try key.verify(signature, for: bytes(hex: vector.messageHex), distinguishingID: Array("ALICE123@YAHOO.COM".utf8)))
        #expect(try !key.verify(signature, for: bytes(hex: vector.messageHex)))
    }

    @Test(arguments: try SMVectors.load().sm2.keys)
    func aFixedPrivateKeyGivesItsPublicKeyAndSignsVerifiably(_ vector: SMVectors.Key) throws {
        let key = try SM2.PrivateKey(rawRepresentation: bytes(hex: vector.privateKey))
        #expect(hex(key.publicKey.rawRepresentation) == vector.publicKey)
        let message = Array("checkpoint of \(vector.name)".utf8)
        #expect(try SM2.PublicKey(rawRepresentation: bytes(hex: vector.publicKey)).verify(key.sign(message), for: message))
    }

    @Test(arguments: try SMVectors.load().sm2.invalidPublicKeys)
    func anInvalidPublicKeyIsRefused(_ vector: SMVectors.InvalidPublicKey) throws {
        let error = try #require(throws: NationalCryptoError.self) { try SM2.PublicKey(rawRepresentation: bytes(hex: vector.publicKey)) }
        #expect(error.kind == .invalidInput)
        #expect(ERR_peek_error() == 0, "the refusal drained libcrypto's error queue")
    }

    @Test(arguments: try SMVectors.load().sm2.invalidPrivateKeys)
    func anInvalidPrivateKeyIsRefused(_ vector: SMVectors.InvalidPrivateKey) throws {
        let error = try #require(throws: NationalCryptoError.self) { try SM2.PrivateKey(rawRepresentation: bytes(hex: vector.privateKey)) }
        #expect(error.kind == .invalidInput)
    }

    @Test(arguments: try SMVectors.load().sm2.derPairs)
    func rawAndDERConvertBothWays(_ vector: SMVectors.DERPair) throws {
        let fromRaw = try SM2.Signature(rawRepresentation: bytes(hex: vector.signature))
        #expect(hex(try fromRaw.derRepresentation()) == vector.signatureDer)
        let fromDER = try SM2.Signature(derRepresentation: bytes(hex: vector.signatureDer))
        #expect(fromDER == fromRaw)
        #expect(hex(fromDER.r + fromDER.s) == vector.signature)
    }

    @Test func theShortValuesAreAmongTheDERPairs() throws {
        let pairs = try SMVectors.load().sm2.derPairs
        let shortR = try #require(pairs.first { $0.name == "key_a_short_r" })
        let shortS = try #require(pairs.first { $0.name == "key_a_short_s" })
        #expect(shortR.signature.hasPrefix("00") && shortS.signature.dropFirst(64).hasPrefix("00"))
    }

    @Test(arguments: try SMVectors.load().sm2.malformedDer)
    func malformedOrNonCanonicalDERIsRefused(_ vector: SMVectors.MalformedDER) throws {
        let error = try #require(throws: NationalCryptoError.self) { try SM2.Signature(derRepresentation: bytes(hex: vector.der)) }
        #expect(error.kind == .invalidInput)
        #expect(ERR_peek_error() == 0)
    }

    /// The order used for the range checks is libcrypto's and the vectors'.
    @Test func theCurveOrderIsTheRecommendedCurvesOrder() throws {
        #expect(hex(SM2.order) == (try SMVectors.load().sm2.curve.n))
        let group = try #require(EC_GROUP_new_by_curve_name(NID_sm2))
        defer { EC_GROUP_free(group) }
        let order = try #require(EC_GROUP_get0_order(group))
        var bytes = [UInt8](repeating: 0, count: 32)
        #expect(BN_bn2binpad(order, &bytes, 32) == 32)
        #expect(bytes == SM2.order)
    }
}
