import JiazhouCore
import Foundation

/// Signs C2SP signed notes with an SM2 key: the SM2 form of Core's
/// ``NoteSigner`` (Ledger/SPEC.md, "Hash suites").
///
/// ```swift
/// let signer = try SM2NoteSigner(name: "jiazhou.example/shizhong", privateKey: .generate())
/// let note = try signer.sign(checkpoint.body)     // text, blank line, "— name base64(keyid ‖ r ‖ s)"
/// print(signer.verifier.verifierKey)              // what auditors are given
/// ```
///
/// SM2 signatures are randomised: signing one text twice gives two notes
/// that differ in their signature bytes and both verify. Compare notes by
/// verifying them, never byte for byte.
public struct SM2NoteSigner: Sendable {
    public let name: String
    public let privateKey: SM2.PrivateKey

    /// A signer under `name`; refuses a name that cannot be a key name.
    public init(name: String, privateKey: SM2.PrivateKey) throws(NationalCryptoError) {
        _ = try SM2NoteVerifier(name: name, publicKey: privateKey.publicKey)
        self.name = name
        self.privateKey = privateKey
    }

    /// Reads the key-file form `PRIVATE+KEY+name+hexkeyid+base64(type ‖ 32-byte d)`.
    public init(signerKey: String) throws(NationalCryptoError) {
        func bad(_ why: String) -> NationalCryptoError {
            NationalCryptoError(.invalidInput, "not an SM2 signer key PRIVATE+KEY+name+keyid+base64key: \(why)")
        }
        let parts = signerKey.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else { throw bad("expected five parts separated by '+'") }
        guard let blob = Data(base64Encoded: String(parts[4])).map(Array.init),
            blob.count == SM2NoteVerifier.signatureType.count + SM2.privateKeyByteCount,
            blob.starts(with: SM2NoteVerifier.signatureType)
        else {
            throw bad("the key must be base64 of the SM2 signature type and a 32-byte scalar")
        }
        let key: SM2.PrivateKey
        do { key = try SM2.PrivateKey(rawRepresentation: blob.dropFirst(SM2NoteVerifier.signatureType.count)) } catch { throw bad(error.message) }
        try self.init(name: String(parts[2]), privateKey: key)
        guard parts[3].utf8.count == 8, Hex.decode(String(parts[3])) == verifier.keyID else { throw bad("the key id does not match the key") }
    }

    /// `PRIVATE+KEY+name+hexkeyid+base64(type ‖ 32-byte d)`: the key file's
    /// content, shaped like golang.org/x/mod/sumdb/note's signer keys.
    public var signerKey: String {
        let blob = SM2NoteVerifier.signatureType + privateKey.rawRepresentation
        return "PRIVATE+KEY+\(name)+\(Hex.encode(verifier.keyID))+\(Data(blob).base64EncodedString())"
    }

    public var verifier: SM2NoteVerifier {
        // The name was checked when the signer was made.
        SM2NoteVerifier(checkedName: name, publicKey: privateKey.publicKey)
    }

    /// The signature line for `text`: `— name base64(keyid ‖ r ‖ s)\n`.
    public func signatureLine(for text: String) throws(NationalCryptoError) -> String {
        let signature = try privateKey.sign(Array(text.utf8))
        return "\u{2014} \(name) \(Data(verifier.keyID + signature).base64EncodedString())\n"
    }

    /// The complete signed note: text, blank line, signature line.
    public func sign(_ text: String) throws(NationalCryptoError) -> String {
        text + "\n" + (try signatureLine(for: text))
    }
}

extension SM2NoteVerifier {
    init(checkedName name: String, publicKey: SM2.PublicKey) {
        self.name = name
        self.publicKey = publicKey
    }
}
