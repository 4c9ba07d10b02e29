import Foundation

/// Checks C2SP signed-note signatures made by one named key: Ed25519's
/// ``NoteVerifier`` here, SM2's in JiazhouNationalCrypto.
///
/// ```swift
/// let verifier = try HashSuite.sha256Ed25519.verifier(verifierKey: key)
/// guard try SignedNote(parsing: note).isSigned(by: verifier) else { … }
/// ```
public protocol NoteVerifying: Sendable {
    /// The key name (a ledger's origin).
    var name: String { get }
    /// The 4-byte key id that signature lines carry before the signature.
    var keyID: [UInt8] { get }
    /// `name+hexkeyid+base64(signature type ‖ public key)`.
    var verifierKey: String { get }
    /// Whether `signature` (a signature line's bytes after the key id) is
    /// this key's signature of `text`'s UTF-8 bytes. Fails closed: any
    /// failure to check answers `false`.
    func isValidSignature(_ signature: [UInt8], for text: String) -> Bool
}

/// Signs checkpoint notes with one named key: Ed25519's ``NoteSigner``
/// here, SM2's in JiazhouNationalCrypto.
///
/// ```swift
/// let signer = try suite.generateSigner(name: "jiazhou.example/shizhong", randomBytes: random.bytes)
/// let note = try signer.signNote(checkpoint.body)   // text, blank line, "— name base64(keyid ‖ signature)"
/// print(signer.verifier.verifierKey)                // what auditors are given
/// ```
public protocol NoteSigning: Sendable {
    associatedtype Verifier: NoteVerifying
    /// The key name (a ledger's origin).
    var name: String { get }
    /// The public half.
    var verifier: Verifier { get }
    /// `PRIVATE+KEY+name+hexkeyid+base64(signature type ‖ private key)`:
    /// the key file's content, in the shape of golang.org/x/mod/sumdb/note's
    /// signer keys.
    var signerKey: String { get }
    /// The complete signed note: `text`, a blank line, one signature line.
    func signNote(_ text: String) throws(LedgerError) -> String
}

/// How one suite signs checkpoints: its signed-note signature type and the
/// text forms of its keys (Ledger/SPEC.md §6, §14.1).
public protocol CheckpointSignatures: Sendable {
    /// The signed-note signature type that begins every key of this kind:
    /// `[0x01]` for Ed25519; 0xff and an OID for SM2.
    var signatureType: [UInt8] { get }
    /// A new key under `name`, its private key drawn from `randomBytes`.
    func generateSigner(name: String, randomBytes: (Int) -> [UInt8]) throws(LedgerError) -> any NoteSigning
    /// Reads a signer key (the key file's content), checking its key id.
    func signer(signerKey: String) throws(LedgerError) -> any NoteSigning
    /// Reads a verifier key `name+hexkeyid+base64key`, checking its key id.
    func verifier(verifierKey: String) throws(LedgerError) -> any NoteVerifying
}

/// The key texts of C2SP signed notes, whatever their signature type.
public enum NoteKeyText {
    /// The decoded key blob (signature type ‖ key) of a verifier key
    /// `name+id+base64` or a signer key `PRIVATE+KEY+name+id+base64`;
    /// `nil` if the text has neither shape.
    public static func keyBlob(of text: String) -> [UInt8]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let isSignerKey = trimmed.hasPrefix("PRIVATE+KEY+")
        // Base64 may contain '+': split only at the separators.
        let parts = trimmed.split(separator: "+", maxSplits: isSignerKey ? 4 : 2, omittingEmptySubsequences: false)
        guard parts.count == (isSignerKey ? 5 : 3), let blob = Data(base64Encoded: String(parts[parts.count - 1])) else { return nil }
        return Array(blob)
    }
}
