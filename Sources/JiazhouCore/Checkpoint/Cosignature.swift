import Crypto
import Foundation

/// C2SP tlog-cosignature/v1 with Ed25519 (signature type 0x04): a witness's
/// timestamped statement that, as of `time`, the checkpoint it signs is the
/// largest consistent tree head it has seen for that log (Ledger/SPEC.md §16).
///
/// The signed message is two lines and the checkpoint body:
///
/// ```
/// cosignature/v1
/// time 1679315147
/// example.com/behind-the-sofa
/// 20852163
/// CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
/// ```
///
/// and a signature line's blob is key id (4) ‖ timestamp (8, big-endian) ‖
/// Ed25519 signature (64).
public enum Cosignature {
    /// Signature type byte of Ed25519 cosignatures (c2sp.org/tlog-cosignature).
    public static let signatureType: UInt8 = 0x04
    /// Bytes after the key id: an 8-byte timestamp and a 64-byte signature.
    static let blobBytes = 8 + 64
    /// Largest timestamp the spec allows (2^63 − 1).
    public static let maxTimestamp = UInt64(Int64.max)

    /// The message a cosigner signs for `body` (the checkpoint text, ending in "\n") at `timestamp`.
    public static func message(body: String, timestamp: UInt64) -> String {
        "cosignature/v1\ntime \(timestamp)\n" + body
    }

    /// `note` with the signature `lines` (each `— name base64\n`) appended:
    /// still one valid signed note, now with several signatures.
    public static func note(_ note: String, adding lines: [String]) -> String {
        lines.reduce(note) { $0 + ($1.hasSuffix("\n") ? $1 : $1 + "\n") }
    }
}

/// An Ed25519 cosigner: a witness's signing key.
///
/// ```swift
/// let witness = try CosignatureSigner(signerKey: keyFileText)
/// let line = witness.signatureLine(for: checkpoint.body, timestamp: 1_679_315_147)   // "— witness.example/w1 …\n"
/// ```
public struct CosignatureSigner: Sendable {
    public let name: String
    private let privateKey: Curve25519.Signing.PrivateKey

    /// A cosigner from a 32-byte Ed25519 seed.
    public init(name: String, seed: [UInt8]) throws(LedgerError) {
        guard NoteVerifier.isValidKeyName(name), name.utf8.count <= Limits.witnessNameBytes else {
            throw LedgerError(
                .invalid_request, "a witness name must be 1 to \(Limits.witnessNameBytes) bytes, with no spaces, '+' or newlines: \"\(name.prefix(80))\"")
        }
        do { privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed) } catch {
            throw LedgerError(.invalid_request, "the witness key is not a 32-byte Ed25519 seed")
        }
        self.name = name
    }

    /// A new key from `randomBytes(32)` (the caller's random source).
    public static func generate(name: String, randomBytes: (Int) -> [UInt8]) throws(LedgerError) -> CosignatureSigner {
        try CosignatureSigner(name: name, seed: randomBytes(32))
    }

    /// Reads `PRIVATE+KEY+name+hexkeyid+base64(0x04 ‖ 32-byte seed)`, checking the key id.
    public init(signerKey: String) throws(LedgerError) {
        let parts = signerKey.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", let blob = Base64.decode(canonical: parts[4]), blob.count == 33,
            blob.first == Cosignature.signatureType
        else { throw LedgerError(.invalid_request, "the key file is not a PRIVATE+KEY+name+id+key witness (cosignature/v1, type 0x04) key") }
        try self.init(name: String(parts[2]), seed: Array(blob.dropFirst()))
        guard Hex.encode(verifier.keyID) == parts[3] else {
            throw LedgerError(.invalid_request, "the witness key file's key id does not match its key; the file is damaged")
        }
    }

    /// The 32-byte seed.
    public var seed: [UInt8] { Array(privateKey.rawRepresentation) }

    public var verifier: CosignatureVerifier {
        CosignatureVerifier(name: name, publicKey: Array(privateKey.publicKey.rawRepresentation))
    }

    /// `PRIVATE+KEY+name+hexkeyid+base64(0x04 ‖ seed)`: the key file's content.
    public var signerKey: String {
        "PRIVATE+KEY+\(name)+\(Hex.encode(verifier.keyID))+\(Base64.encode([Cosignature.signatureType] + seed))"
    }

    /// The cosignature line for the checkpoint `body` at `timestamp`:
    /// `— name base64(keyid ‖ timestamp ‖ signature)\n`.
    public func signatureLine(for body: String, timestamp: UInt64) -> String {
        precondition(timestamp <= Cosignature.maxTimestamp, "a cosignature timestamp is at most 2^63 - 1")
        let message = Cosignature.message(body: body, timestamp: timestamp)
        // Signing with a valid in-memory key does not fail.
        guard let signature = try? privateKey.signature(for: Array(message.utf8)) else { preconditionFailure("Ed25519 signing failed") }
        let blob = verifier.keyID + Cosignature.bigEndian(timestamp) + Array(signature)
        return "\u{2014} \(name) \(Base64.encode(blob))\n"
    }
}

/// The public half of a cosigner: checks its cosignatures on checkpoints.
/// A ``NoteVerifying``, so ``SignedNote/isSigned(by:)`` takes it.
public struct CosignatureVerifier: NoteVerifying, Equatable, Hashable {
    public let name: String
    public let publicKey: [UInt8]

    public init(name: String, publicKey: [UInt8]) {
        self.name = name
        self.publicKey = publicKey
    }

    /// Parses `name+hexkeyid+base64(0x04 ‖ 32-byte public key)`, checking the key id.
    public init(verifierKey: String) throws(LedgerError) {
        let parts = verifierKey.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        func bad(_ why: String) -> LedgerError {
            LedgerError(.invalid_request, "witness key is not name+keyid+base64key: \(why)")
        }
        guard parts.count == 3 else { throw bad("expected three parts separated by '+'") }
        let name = String(parts[0])
        guard NoteVerifier.isValidKeyName(name), name.utf8.count <= Limits.witnessNameBytes else {
            throw bad("the name must be 1 to \(Limits.witnessNameBytes) bytes, with no spaces, '+' or newlines")
        }
        guard let key = Base64.decode(canonical: parts[2]), key.count == 33, key.first == Cosignature.signatureType else {
            throw bad("the key must be base64 of 0x04 followed by a 32-byte Ed25519 public key (a cosignature/v1 key)")
        }
        self.init(name: name, publicKey: Array(key.dropFirst()))
        guard parts[1] == Hex.encode(keyID) else { throw bad("key id does not match the key (8 lowercase hex digits)") }
    }

    /// First 4 bytes of SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key).
    public var keyID: [UInt8] {
        Array(SHA256.hash(data: Array(name.utf8) + [0x0A, Cosignature.signatureType] + publicKey).prefix(4))
    }

    /// `name+hexkeyid+base64(0x04 ‖ public key)`.
    public var verifierKey: String {
        "\(name)+\(Hex.encode(keyID))+\(Base64.encode([Cosignature.signatureType] + publicKey))"
    }

    /// The timestamp of `blob` (a signature line's bytes after the key id:
    /// timestamp ‖ signature) if it is this cosigner's valid cosignature of
    /// the checkpoint `body`; `nil` otherwise.
    public func timestamp(ofCosignature blob: [UInt8], on body: String) -> UInt64? {
        guard blob.count == Cosignature.blobBytes else { return nil }
        let timestamp = blob.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard timestamp <= Cosignature.maxTimestamp, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return nil }
        let message = Cosignature.message(body: body, timestamp: timestamp)
        return key.isValidSignature(Array(blob.dropFirst(8)), for: Array(message.utf8)) ? timestamp : nil
    }

    /// Whether `signature` (timestamp ‖ signature) cosigns the checkpoint `text`.
    public func isValidSignature(_ signature: [UInt8], for text: String) -> Bool {
        timestamp(ofCosignature: signature, on: text) != nil
    }
}

extension Cosignature {
    static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }

    /// Which of `witnesses` validly cosigned `note` (by ``SignedNote/isSigned(by:)``:
    /// every line under a witness's name and key id must verify), and which did not.
    public static func check(_ note: SignedNote, witnesses: [CosignatureVerifier]) -> (signed: [CosignatureVerifier], missing: [CosignatureVerifier]) {
        var signed: [CosignatureVerifier] = []
        var missing: [CosignatureVerifier] = []
        for witness in witnesses {
            if note.isSigned(by: witness) { signed.append(witness) } else { missing.append(witness) }
        }
        return (signed, missing)
    }
}
