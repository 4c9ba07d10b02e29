import Foundation
import JiazhouCore
import Testing

/// `Ledger/vectors/cosignature.json` (generate_cosignature.py, Python's
/// `cryptography`): c2sp.org/tlog-cosignature/v1 byte for byte.
struct CosignatureVectors: Decodable {
    struct Witness: Decodable {
        var seed: String
        var publicKey: String
        var name: String
        var keyId: String
        var verifierKey: String
        var signerKey: String
    }
    struct Note: Decodable {
        var body: String
        var note: String
        var logVerifierKey: String
    }
    struct Cosigned: Decodable {
        var witness: Int
        var timestamp: UInt64
        var message: String?
        var line: String
    }
    struct Reject: Decodable {
        var name: String
        var witness: Int
        var body: String?
        var line: String
    }
    var witnesses: [Witness]
    var checkpoint: Note
    var cosignatures: [Cosigned]
    var cosignedNote: String
    var rejects: [Reject]

    static func load() throws -> CosignatureVectors { try Vectors.load("cosignature.json") }
}

@Suite("cosignature.json known answers")
struct CosignatureVectorTests {
    @Test func aWitnessKeyFromTheFixedSeedHasThePublishedKeys() throws {
        for witness in try CosignatureVectors.load().witnesses {
            let signer = try CosignatureSigner(name: witness.name, seed: bytes(hex: witness.seed))
            #expect(signer.verifier.publicKey == bytes(hex: witness.publicKey))
            #expect(signer.verifier.keyID == bytes(hex: witness.keyId))
            #expect(signer.verifier.verifierKey == witness.verifierKey)
            #expect(signer.signerKey == witness.signerKey)
            #expect(try CosignatureSigner(signerKey: witness.signerKey).verifier == signer.verifier)
            #expect(try CosignatureVerifier(verifierKey: witness.verifierKey) == signer.verifier)
        }
    }

    /// Ed25519 is deterministic, so a cosignature line at a fixed time is a fixed known answer.
    @Test func cosigningTheCheckpointGivesTheExpectedLineByteForByte() throws {
        let vectors = try CosignatureVectors.load()
        for cosigned in vectors.cosignatures {
            let signer = try CosignatureSigner(signerKey: vectors.witnesses[cosigned.witness].signerKey)
            #expect(signer.signatureLine(for: vectors.checkpoint.body, timestamp: cosigned.timestamp) == cosigned.line)
            if let message = cosigned.message {
                #expect(Cosignature.message(body: vectors.checkpoint.body, timestamp: cosigned.timestamp) == message)
            }
        }
        let lines = vectors.cosignatures.map(\.line)
        #expect(Cosignature.note(vectors.checkpoint.note, adding: lines) == vectors.cosignedNote)
    }

    @Test func theCosignedNoteVerifiesUnderTheLogAndBothWitnesses() throws {
        let vectors = try CosignatureVectors.load()
        let note = try SignedNote(parsing: vectors.cosignedNote)
        #expect(note.isSigned(by: try NoteVerifier(verifierKey: vectors.checkpoint.logVerifierKey)))
        let witnesses = try vectors.witnesses.map { try CosignatureVerifier(verifierKey: $0.verifierKey) }
        #expect(Cosignature.check(note, witnesses: witnesses).signed == witnesses)
        let cosigned = vectors.cosignatures[0]
        let blob = note.signatures.first { $0.name == witnesses[0].name }!.signature
        #expect(witnesses[0].timestamp(ofCosignature: blob, on: note.text) == cosigned.timestamp)
        let policy = try WitnessPolicy(witnessKeys: vectors.witnesses.map(\.verifierKey), minimum: 2)
        #expect(policy.problem(with: vectors.cosignedNote) == nil)
        #expect(policy.problem(with: vectors.checkpoint.note + vectors.cosignatures[0].line)?.contains(witnesses[1].name) == true)
    }

    @Test func aTamperedCosignatureDoesNotVerify() throws {
        let vectors = try CosignatureVectors.load()
        for reject in vectors.rejects {
            let witness = try CosignatureVerifier(verifierKey: vectors.witnesses[reject.witness].verifierKey)
            let body = reject.body ?? vectors.checkpoint.body
            let note = try SignedNote(parsing: body + "\n" + reject.line)
            #expect(!note.isSigned(by: witness), "\(reject.name)")
        }
    }

    @Test func aLogKeyIsNotAWitnessKey() throws {
        let vectors = try CosignatureVectors.load()
        #expect(throws: LedgerError.self) { try CosignatureVerifier(verifierKey: vectors.checkpoint.logVerifierKey) }
        #expect(throws: LedgerError.self) { try WitnessPolicy(witnessKeys: [vectors.witnesses[0].verifierKey], minimum: 2) }
    }

    /// c2sp.org/tlog-cosignature's own example line (its key is not published):
    /// 76 bytes, whose timestamp is the one of the spec's example message.
    @Test func theSpecsExampleLineHasTheLayoutKeyIDTimestampSignature() throws {
        let example = """
            example.com/behind-the-sofa
            20852163
            CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

            — example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
            — witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==

            """
        let note = try SignedNote(parsing: example)
        let cosignature = try #require(note.signatures.last)
        #expect(cosignature.name == "witness.example.com/w1")
        #expect(cosignature.keyID == bytes(hex: "8d66cf3f"))
        #expect(cosignature.signature.count == 72)
        #expect(cosignature.signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } == 1_679_315_147)
        #expect(Cosignature.message(body: note.text, timestamp: 1_679_315_147).hasPrefix("cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n"))
    }
}
