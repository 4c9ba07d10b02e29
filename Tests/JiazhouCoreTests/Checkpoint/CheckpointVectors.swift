import JiazhouCore
import Testing

/// `Ledger/vectors/checkpoint.json`: a C2SP signed note over a tlog-checkpoint.
struct CheckpointVectors: Decodable, Sendable {
    struct Key: Decodable, Sendable, CustomTestStringConvertible {
        var seed: String
        var publicKey: String
        var name: String
        var keyId: String
        var verifierKey: String
        var testDescription: String { name }
    }

    struct SignedCheckpoint: Decodable, Sendable {
        var origin: String
        var treeSize: Int64
        var rootHash: String
        var body: String
        var ed25519Signature: String
        var signatureLine: String
        var note: String
    }

    struct Note: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var verifierKeys: [String]
        var note: String
        var mustVerify: Bool
        var verifiedBy: [String]?
        var signerKey: String?
        var text: String?
        var testDescription: String { name }
    }

    struct ParseOnly: Decodable, Sendable, CustomTestStringConvertible {
        struct Signature: Decodable, Sendable {
            var keyName: String
            var keyId: String
            var signatureBytes: Int
        }

        var name: String
        var note: String
        var text: String?
        var origin: String?
        var treeSize: Int64?
        var rootHash: String?
        var signatures: [Signature]
        var testDescription: String { name }
    }

    struct Ed25519Answer: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var secretKey: String
        var publicKey: String
        var message: String
        var signature: String
        var testDescription: String { name }
    }

    var key: Key
    var checkpoint: SignedCheckpoint
    var secondKey: Key
    var notesThatVerify: [Note]
    var notesThatMustNotVerify: [Note]
    var notesParseOnly: [ParseOnly]
    var ed25519KnownAnswers: [Ed25519Answer]

    static func load() throws -> Self { try Vectors.load("checkpoint.json") }

    /// The signer of `key`, from its fixed seed.
    func signer() throws -> NoteSigner { try NoteSigner(name: key.name, seed: bytes(hex: key.seed)) }
}
