import Crypto
import Foundation

/// A C2SP signed-note Ed25519 key pair: what signs the ledger's checkpoints.
///
/// The verifier key is published as `name+hexkeyid+base64(0x01 ‖ public key)`;
/// the key id is the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)
/// (C2SP signed-note, "Verifier keys").
public struct NoteSigner: NoteSigning {
    public let name: String
    private let privateKey: Curve25519.Signing.PrivateKey

    /// Signature algorithm byte for Ed25519 in C2SP signed-note.
    static let ed25519Type: UInt8 = 0x01

    /// A signer from a 32-byte Ed25519 seed (RFC 8032 private key).
    public init(name: String, seed: [UInt8]) throws(LedgerError) {
        guard NoteVerifier.isValidKeyName(name) else {
            throw LedgerError(.invalid_request, "key name \"\(name)\" must be non-empty, with no spaces, '+' or newlines")
        }
        do { privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed) } catch {
            throw LedgerError(.ledger_invalid, "the signing key is not a 32-byte Ed25519 seed")
        }
        self.name = name
    }

    /// A new random key pair.
    public static func generate(name: String) throws(LedgerError) -> NoteSigner {
        try NoteSigner(name: name, seed: Array(Curve25519.Signing.PrivateKey().rawRepresentation))
    }

    /// The 32-byte seed, to be written to the key file.
    public var seed: [UInt8] { Array(privateKey.rawRepresentation) }

    public var verifier: NoteVerifier {
        NoteVerifier(name: name, publicKey: Array(privateKey.publicKey.rawRepresentation))
    }

    /// The signature line for `text`: `— name base64(keyid ‖ signature)\n`.
    public func signatureLine(for text: String) -> String {
        let signature = (try? privateKey.signature(for: Array(text.utf8))).map { Array($0) }
        // Signing with a valid in-memory key does not fail; if it ever did, a
        // checkpoint without a signature would be worse than stopping.
        guard let signature else { preconditionFailure("Ed25519 signing failed") }
        let blob = verifier.keyID + signature
        return "\u{2014} \(name) \(Data(blob).base64EncodedString())\n"
    }

    /// The complete signed note: text, blank line, signature line.
    public func sign(_ text: String) -> String {
        text + "\n" + signatureLine(for: text)
    }

    /// ``sign(_:)``, as ``NoteSigning`` asks: Ed25519 signing does not fail.
    public func signNote(_ text: String) -> String { sign(text) }

    /// `PRIVATE+KEY+name+hexkeyid+base64(0x01 ‖ 32-byte seed)`: the key file's content.
    public var signerKey: String {
        "PRIVATE+KEY+\(name)+\(Hex.encode(verifier.keyID))+\(Data([Self.ed25519Type] + seed).base64EncodedString())"
    }
}

/// The public half: checks notes signed by one named Ed25519 key.
public struct NoteVerifier: NoteVerifying, Equatable {
    public let name: String
    public let publicKey: [UInt8]

    public init(name: String, publicKey: [UInt8]) {
        self.name = name
        self.publicKey = publicKey
    }

    /// Parses a verifier key `name+hexkeyid+base64key`; checks the key id matches.
    public init(verifierKey: String) throws(LedgerError) {
        // Base64 may itself contain '+': split at the first two only, as the
        // reference implementation (golang.org/x/mod/sumdb/note) does.
        let parts = verifierKey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        func bad(_ why: String) -> LedgerError {
            LedgerError(.invalid_request, "verifier key is not name+keyid+base64key: \(why)")
        }
        guard parts.count == 3 else { throw bad("expected three parts separated by '+'") }
        let name = String(parts[0])
        guard Self.isValidKeyName(name) else { throw bad("bad key name") }
        guard let keyData = Base64.decode(canonical: parts[2]), keyData.count == 33, keyData.first == NoteSigner.ed25519Type else {
            throw bad("the key must be base64 of 0x01 followed by a 32-byte Ed25519 public key")
        }
        self.init(name: name, publicKey: Array(keyData.dropFirst()))
        // Lowercase only: a key has one spelling, so a published key and the
        // one a verifier holds compare as text.
        guard parts[1] == Hex.encode(keyID) else { throw bad("key id does not match the key (8 lowercase hex digits)") }
    }

    /// First 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
    public var keyID: [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8) + [0x0A, NoteSigner.ed25519Type] + publicKey)
        return Array(hasher.finalize().prefix(4))
    }

    /// `name+hexkeyid+base64(0x01 ‖ key)`.
    public var verifierKey: String {
        "\(name)+\(Hex.encode(keyID))+\(Data([NoteSigner.ed25519Type] + publicKey).base64EncodedString())"
    }

    static func isValidKeyName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0 == "+" || $0.properties.isWhitespace || $0.value < 0x20 }
    }

    /// Whether `signature` is this key's Ed25519 signature of `text`.
    public func isValidSignature(_ signature: [UInt8], for text: String) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: Array(text.utf8))
    }
}

/// Ed25519 checkpoint signatures (signed-note type 0x01): the
/// `sha256-ed25519` suite's ``CheckpointSignatures``.
public struct Ed25519Signatures: CheckpointSignatures {
    public init() {}

    public var signatureType: [UInt8] { [NoteSigner.ed25519Type] }

    /// A key whose 32-byte seed is `randomBytes(32)`.
    public func generateSigner(name: String, randomBytes: (Int) -> [UInt8]) throws(LedgerError) -> any NoteSigning {
        try NoteSigner(name: name, seed: randomBytes(32))
    }

    /// Reads `PRIVATE+KEY+name+hexkeyid+base64(0x01 ‖ seed)`.
    public func signer(signerKey: String) throws(LedgerError) -> any NoteSigning {
        let parts = signerKey.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", let blob = Data(base64Encoded: String(parts[4])), blob.count == 33,
            blob.first == NoteSigner.ed25519Type
        else { throw LedgerError(.ledger_invalid, "the key file is not a PRIVATE+KEY+name+id+key Ed25519 signer key") }
        let signer = try NoteSigner(name: String(parts[2]), seed: Array(blob.dropFirst()))
        guard Hex.encode(signer.verifier.keyID) == parts[3] else {
            throw LedgerError(.ledger_invalid, "the key file's key id does not match its key; the file is damaged")
        }
        return signer
    }

    public func verifier(verifierKey: String) throws(LedgerError) -> any NoteVerifying {
        try NoteVerifier(verifierKey: verifierKey)
    }
}
