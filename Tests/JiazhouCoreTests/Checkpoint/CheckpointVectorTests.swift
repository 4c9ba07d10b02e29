import Foundation
import JiazhouCore
import Testing

@Suite("checkpoint.json known answers")
struct CheckpointVectorTests {
    @Test(arguments: try { let v = try CheckpointVectors.load(); return [v.key, v.secondKey] }())
    func aSignerFromTheFixedSeedHasThePublishedVerifierKey(_ key: CheckpointVectors.Key) throws {
        let verifier = try NoteSigner(name: key.name, seed: bytes(hex: key.seed)).verifier
        #expect(verifier.publicKey == bytes(hex: key.publicKey))
        #expect(verifier.keyID == bytes(hex: key.keyId))
        #expect(verifier.verifierKey == key.verifierKey)
        #expect(try NoteVerifier(verifierKey: key.verifierKey) == verifier)
    }

    @Test func theCheckpointBodyIsOriginSizeAndBase64Root() throws {
        let vector = try CheckpointVectors.load().checkpoint
        let checkpoint = Checkpoint(origin: vector.origin, size: vector.treeSize, root: try hash(vector.rootHash))
        #expect(checkpoint.body == vector.body)
        #expect(try Checkpoint(body: vector.body) == checkpoint)
    }

    /// Ed25519 is deterministic (RFC 8032 §5.1.6), so the note is a fixed known answer.
    @Test func signingTheCheckpointBodyGivesTheExpectedNoteByteForByte() throws {
        let vectors = try CheckpointVectors.load()
        let signer = try vectors.signer()
        #expect(signer.signatureLine(for: vectors.checkpoint.body) == vectors.checkpoint.signatureLine)
        #expect(Array(signer.sign(vectors.checkpoint.body).utf8) == Array(vectors.checkpoint.note.utf8))
        let parsed = try SignedNote(parsing: vectors.checkpoint.note)
        #expect(parsed.signatures.map(\.signature) == [bytes(hex: vectors.checkpoint.ed25519Signature)])
    }

    @Test func theSignedCheckpointVerifiesAndReadsBack() throws {
        let vectors = try CheckpointVectors.load()
        let verifier = try NoteVerifier(verifierKey: vectors.key.verifierKey)
        let checkpoint = try Checkpoint.verified(note: vectors.checkpoint.note, by: verifier)
        #expect(checkpoint.origin == vectors.checkpoint.origin)
        #expect(checkpoint.size == vectors.checkpoint.treeSize)
        #expect(checkpoint.root.hex == vectors.checkpoint.rootHash)
    }

    /// A checkpoint is verified as one when its origin is the key's name;
    /// other keys (cosigners, the Go example's plain notes) by their signature alone.
    @Test(arguments: try CheckpointVectors.load().notesThatVerify)
    func aNoteThatMustVerifyVerifies(_ vector: CheckpointVectors.Note) throws {
        let verifiers = try vector.verifierKeys.map { try NoteVerifier(verifierKey: $0) }
        let names = try #require(vector.verifiedBy)
        try #require(!names.isEmpty)
        let note = try SignedNote(parsing: vector.note)
        if let text = vector.text { #expect(note.text == text) }
        for name in names {
            let verifier = try #require(verifiers.first { $0.name == name })
            #expect(note.isSigned(by: verifier), "by \(name)")
            if let checkpoint = try? Checkpoint(body: note.text), checkpoint.origin == name {
                #expect(try Checkpoint.verified(note: vector.note, by: verifier) == checkpoint)
            }
        }
    }

    @Test(arguments: try CheckpointVectors.load().notesThatMustNotVerify)
    func aNoteThatMustNotVerifyIsRejected(_ vector: CheckpointVectors.Note) throws {
        let verifiers = try vector.verifierKeys.map { try NoteVerifier(verifierKey: $0) }
        for verifier in verifiers {
            #expect(throws: LedgerError.self, "by \(verifier.name)") { try Checkpoint.verified(note: vector.note, by: verifier) }
        }
        guard let note = try? SignedNote(parsing: vector.note) else {
            // Only the two malformed notes may fail to parse; the rest are well-formed.
            #expect(["missing_blank_line", "missing_final_newline"].contains(vector.name))
            return
        }
        #expect(!verifiers.contains { note.isSigned(by: $0) })
    }

    /// golang.org/x/mod/sumdb/note: rebuilding PeterNeumann's signer from the
    /// published `PRIVATE+KEY+…` reproduces the published note byte for byte.
    @Test func theGoSumdbExampleSignerReproducesThePublishedNote() throws {
        let vectors = try CheckpointVectors.load()
        let vector = try #require(vectors.notesThatVerify.first { $0.signerKey != nil })
        // PRIVATE+KEY+name+keyid+base64: the base64 may itself contain '+'.
        let fields = try #require(vector.signerKey).split(separator: "+", maxSplits: 4).map(String.init)
        try #require(fields.count == 5 && fields[0] == "PRIVATE" && fields[1] == "KEY")
        let key = try #require(Data(base64Encoded: fields[4]).map(Array.init))
        try #require(key.count == 33 && key[0] == 0x01)
        let signer = try NoteSigner(name: fields[2], seed: Array(key.dropFirst()))
        #expect(Hex.encode(signer.verifier.keyID) == fields[3])
        #expect(signer.verifier.verifierKey == vector.verifierKeys.first)
        #expect(signer.sign(try #require(vector.text)) == vector.note)
    }

    @Test(arguments: try CheckpointVectors.load().notesParseOnly)
    func aPublishedExampleNoteSplitsAtItsLastBlankLine(_ vector: CheckpointVectors.ParseOnly) throws {
        let note = try SignedNote(parsing: vector.note)
        if let text = vector.text { #expect(note.text == text) }
        #expect(note.signatures.map(\.name) == vector.signatures.map(\.keyName))
        #expect(note.signatures.map { Hex.encode($0.keyID) } == vector.signatures.map(\.keyId))
        #expect(note.signatures.map(\.signature.count) == vector.signatures.map(\.signatureBytes))
        if let origin = vector.origin {
            let checkpoint = try Checkpoint(body: note.text)
            #expect(checkpoint.origin == origin)
            #expect(checkpoint.size == vector.treeSize)
            #expect(checkpoint.root.hex == vector.rootHash)
        }
    }

    /// RFC 8032 §7.1, through our signer: seed → public key, and the signature bytes.
    @Test(arguments: try CheckpointVectors.load().ed25519KnownAnswers)
    func ed25519MatchesRFC8032(_ vector: CheckpointVectors.Ed25519Answer) throws {
        let signer = try NoteSigner(name: "rfc8032", seed: bytes(hex: vector.secretKey))
        #expect(signer.verifier.publicKey == bytes(hex: vector.publicKey))
        let message = try #require(String(validating: bytes(hex: vector.message), as: UTF8.self))
        let line = signer.signatureLine(for: message)
        let prefix = "\u{2014} rfc8032 "
        try #require(line.hasPrefix(prefix) && line.hasSuffix("\n"))
        let blob = try #require(Data(base64Encoded: String(line.dropFirst(prefix.count).dropLast())))
        #expect(Array(blob.prefix(4)) == signer.verifier.keyID)
        #expect(Array(blob.dropFirst(4)) == bytes(hex: vector.signature))
    }
}
