import Foundation
import JiazhouTesting
import Testing

/// `Ledger/vectors/sm.json`, written by `generate_sm.py`, read by path (STYLE.md §11).
///
/// Decoded with Foundation's `JSONDecoder`; hex is decoded by ``bytes(hex:)``
/// here, not by Core's `Hex`, so that neither can hide a bug in the other.
struct SMVectors: Decodable, Sendable {
    struct SM3Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var messageHex: String
        var digest: String
        var testDescription: String { name }
    }

    struct SM3Section: Decodable, Sendable {
        var cases: [SM3Case]
    }

    struct Root: Decodable, Sendable {
        var size: Int
        var root: String
    }

    struct NodeExample: Decodable, Sendable {
        var left: String
        var right: String
        var hash: String
    }

    struct InclusionProof: Decodable, Sendable, CustomTestStringConvertible {
        var leafIndex: Int64
        var treeSize: Int64
        var leafHash: String
        var root: String
        var path: [String]
        var testDescription: String { "leaf \(leafIndex) of \(treeSize)" }
    }

    struct ConsistencyProof: Decodable, Sendable, CustomTestStringConvertible {
        var firstSize: Int64
        var secondSize: Int64
        var firstRoot: String
        var secondRoot: String
        var proof: [String]
        var testDescription: String { "\(firstSize) → \(secondSize)" }
    }

    /// merkle.json's generated leaves ("0" … "69") under SM3.
    struct GeneratedLeaves: Decodable, Sendable {
        var roots: [Root]
        var inclusionProofs: [InclusionProof]
        var consistencyProofs: [ConsistencyProof]
    }

    struct Merkle: Decodable, Sendable {
        var leavesHex: [String]
        var leafHashes: [String]
        var nodeHashExample: NodeExample
        var roots: [Root]
        var inclusionProofs: [InclusionProof]
        var consistencyProofs: [ConsistencyProof]
        var generatedLeaves: GeneratedLeaves
    }

    struct Example: Decodable, Sendable {
        var privateKey: String
        var publicKey: String
        var messageHex: String
        var idUtf8: String
        var signature: String
        var signatureDer: String
    }

    struct Key: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var privateKey: String
        var publicKey: String
        var testDescription: String { name }
    }

    struct SignatureCase: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var publicKey: String
        var messageHex: String
        var signature: String
        var signatureDer: String?
        var why: String?
        var testDescription: String { name }
    }

    struct InvalidPublicKey: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var publicKey: String
        var testDescription: String { name }
    }

    struct InvalidPrivateKey: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var privateKey: String
        var testDescription: String { name }
    }

    struct DERPair: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var signature: String
        var signatureDer: String
        var testDescription: String { name }
    }

    struct MalformedDER: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var der: String
        var testDescription: String { name }
    }

    struct Curve: Decodable, Sendable {
        var n: String
    }

    struct SM2Section: Decodable, Sendable {
        var curve: Curve
        var defaultIdUtf8: String
        var publishedExample: Example
        var keys: [Key]
        var signaturesThatVerify: [SignatureCase]
        var signaturesThatMustNotVerify: [SignatureCase]
        var invalidPublicKeys: [InvalidPublicKey]
        var invalidPrivateKeys: [InvalidPrivateKey]
        var derPairs: [DERPair]
        var malformedDer: [MalformedDER]
    }

    struct NoteKey: Decodable, Sendable {
        var name: String
        var privateKey: String
        var publicKey: String
        var signatureTypeHex: String
        var keyIdPreimageHex: String
        var keyId: String
        var verifierKey: String
    }

    struct NoteCheckpoint: Decodable, Sendable {
        var origin: String
        var treeSize: Int64
        var rootHash: String
        var body: String
        var signature: String
        var note: String
    }

    struct Note: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var note: String
        var testDescription: String { name }
    }

    struct MalformedVerifierKey: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var verifierKey: String
        var testDescription: String { name }
    }

    struct NoteSection: Decodable, Sendable {
        var key: NoteKey
        var checkpoint: NoteCheckpoint
        var notesThatMustNotVerify: [Note]
        var malformedVerifierKeys: [MalformedVerifierKey]
    }

    /// chain.json's entries as an sm3-sm2 ledger writes them.
    struct Chain: Decodable, Sendable {
        struct Item: Decodable, Sendable {
            var canonical: String
            var leafHash: String
        }

        struct ChainRoot: Decodable, Sendable {
            var size: Int
            var root: String
            var rootBase64: String
        }

        var origin: String
        var suite: String
        var verifierKey: String
        var entries: [Item]
        var roots: [ChainRoot]
        var checkpoint: NoteCheckpoint
    }

    var sm3: SM3Section
    var sm3Merkle: Merkle
    var sm2: SM2Section
    var sm2Note: NoteSection
    var sm3Chain: Chain

    /// The vectors, read once per process.
    static func load() throws -> SMVectors {
        try cached.get()
    }

    private static let cached = Result { () throws -> SMVectors in
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SMVectors.self, from: RepositoryFiles.data("Ledger/vectors/sm.json"))
    }
}

/// Lowercase hex from the vector file, decoded independently of Core's `Hex`.
func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    precondition(digits.count % 2 == 0, "vector hex has an odd length")
    func value(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: preconditionFailure("vector hex is not lowercase hex")
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}

/// Lowercase hex, for comparing with the vector file.
func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}
