import Crypto
import Foundation
import JiazhouCore
import JiazhouNationalCrypto
import Testing

/// Signed notes with SM2 signatures, as proposed in Ledger/SPEC.md "Hash suites".
@Suite("SM2 signed notes")
struct SM2NoteTests {
    static func signer() throws -> SM2NoteSigner {
        let key = try SMVectors.load().sm2Note.key
        return try SM2NoteSigner(name: key.name, privateKey: SM2.PrivateKey(rawRepresentation: bytes(hex: key.privateKey)))
    }

    @Test func theFixedKeyHasThePublishedKeyIDAndVerifierKey() throws {
        let vector = try SMVectors.load().sm2Note.key
        let verifier = try Self.signer().verifier
        #expect(hex(SM2NoteVerifier.signatureType) == vector.signatureTypeHex)
        #expect(hex(verifier.publicKey.rawRepresentation) == vector.publicKey)
        #expect(hex(verifier.keyID) == vector.keyId)
        #expect(hex(SHA256.hash(data: bytes(hex: vector.keyIdPreimageHex)).prefix(4)) == vector.keyId)
        #expect(verifier.verifierKey == vector.verifierKey)
        #expect(try SM2NoteVerifier(verifierKey: vector.verifierKey) == verifier)
        // One spelling per key: the key id in uppercase is refused.
        let shouted = vector.verifierKey.replacingOccurrences(of: "+\(vector.keyId)+", with: "+\(vector.keyId.uppercased())+")
        #expect(shouted != vector.verifierKey, "the vector's key id has hex letters to shout")
        #expect(throws: NationalCryptoError.self) { try SM2NoteVerifier(verifierKey: shouted) }
    }

    @Test func theSignedCheckpointVerifiesAndReadsBack() throws {
        let vectors = try SMVectors.load().sm2Note
        let verifier = try SM2NoteVerifier(verifierKey: vectors.key.verifierKey)
        let note = try SignedNote(parsing: vectors.checkpoint.note)
        #expect(note.isSigned(by: verifier))
        #expect(note.signatures.map { hex($0.signature) } == [vectors.checkpoint.signature])
        let checkpoint = try Checkpoint(body: note.text)
        #expect(checkpoint.origin == vectors.checkpoint.origin)
        #expect(checkpoint.size == vectors.checkpoint.treeSize)
        #expect(checkpoint.root.hex == vectors.checkpoint.rootHash)
        #expect(checkpoint.body == vectors.checkpoint.body)
    }

    @Test(arguments: try SMVectors.load().sm2Note.notesThatMustNotVerify)
    func aNoteThatMustNotVerifyDoesNot(_ vector: SMVectors.Note) throws {
        let verifier = try SM2NoteVerifier(verifierKey: try SMVectors.load().sm2Note.key.verifierKey)
        // Each is a well-formed note: what fails is its signature, not its syntax.
        #expect(!(try SignedNote(parsing: vector.note)).isSigned(by: verifier))
    }

    @Test(arguments: try SMVectors.load().sm2Note.malformedVerifierKeys)
    func aMalformedVerifierKeyIsRefused(_ vector: SMVectors.MalformedVerifierKey) throws {
        let error = try #require(throws: NationalCryptoError.self) { try SM2NoteVerifier(verifierKey: vector.verifierKey) }
        #expect(error.kind == .invalidInput)
    }

    @Test func signingIsRandomisedAndEveryNoteVerifies() throws {
        let signer = try Self.signer()
        let body = Checkpoint(origin: signer.name, size: 3, root: try SM3.emptyRoot()).body
        let first = try signer.sign(body)
        let second = try signer.sign(body)
        #expect(first != second, "SM2 signatures are randomised: compare notes by verifying them")
        for note in [first, second] {
            let parsed = try SignedNote(parsing: note)
            #expect(parsed.text == body)
            #expect(parsed.isSigned(by: signer.verifier))
            #expect(parsed.signatures.first?.signature.count == 64)
        }
        #expect(first.hasPrefix(body + "\n\u{2014} \(signer.name) "))
    }

    @Test func theSignerKeyRoundTrips() throws {
        let signer = try SM2NoteSigner(name: "jiazhou.example/test", privateKey: .generate())
        #expect(signer.signerKey.hasPrefix("PRIVATE+KEY+jiazhou.example/test+\(hex(signer.verifier.keyID))+/wYIKoEcz1UBg3"))
        let again = try SM2NoteSigner(signerKey: signer.signerKey)
        #expect(again.verifier == signer.verifier)
        #expect(again.privateKey.rawRepresentation == signer.privateKey.rawRepresentation)
        let wrongID = signer.signerKey.replacingOccurrences(of: "+\(hex(signer.verifier.keyID))+", with: "+00000000+")
        #expect(throws: NationalCryptoError.self) { try SM2NoteSigner(signerKey: wrongID) }
        #expect(throws: NationalCryptoError.self) { try SM2NoteSigner(signerKey: "PRIVATE+KEY+name+00000000+AQ==") }
    }

    @Test(arguments: ["", "two words", "a+b", "tab\tname", "line\nbreak"])
    func aKeyNameThatCannotBeANoteKeyNameIsRefused(_ name: String) throws {
        #expect(throws: NationalCryptoError.self) { try SM2NoteSigner(name: name, privateKey: .generate()) }
    }

    /// The two signature types cannot be taken for each other.
    @Test func anEd25519VerifierKeyIsNotAnSM2OneNorTheOtherWayRound() throws {
        let sm2Key = try SMVectors.load().sm2Note.key.verifierKey
        let ed25519Key = try NoteSigner(name: "jiazhou.example/shizhong", seed: [UInt8](repeating: 7, count: 32)).verifier.verifierKey
        #expect(throws: NationalCryptoError.self) { try SM2NoteVerifier(verifierKey: ed25519Key) }
        #expect(throws: LedgerError.self) { try NoteVerifier(verifierKey: sm2Key) }
    }
}
