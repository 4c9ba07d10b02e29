public import JiazhouCore
import Foundation

/// Checks C2SP signed notes signed with one named SM2 key: the SM2 form of
/// Core's ``NoteVerifier`` (Ledger/SPEC.md, "Hash suites").
///
/// ```swift
/// let verifier = try SM2NoteVerifier(verifierKey: "jiazhou.example/shizhong+0b90f584+/wYIKoEcz1UBg3UE…")
/// let note = try SignedNote(parsing: text)
/// guard note.isSigned(by: verifier) else { … }   // Core's, for any NoteVerifying
/// ```
///
/// The verifier key is `name+hexkeyid+base64(type ‖ public key)` as for
/// Ed25519, with the signature type ``signatureType`` (0xff, then the DER of
/// the SM2-with-SM3 OID 1.2.156.10197.1.501) and the 65-byte uncompressed point.
public struct SM2NoteVerifier: Sendable, Equatable {
    public let name: String
    public let publicKey: SM2.PublicKey

    /// The signed-note signature type: 0xff ("an identifier not assigned by
    /// c2sp.org/signed-note follows") and the DER encoding of the OID
    /// 1.2.156.10197.1.501, SM2 signature with SM3.
    public static let signatureType: [UInt8] = [0xFF, 0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x83, 0x75]

    /// A verifier for `publicKey` under `name`; refuses a name that cannot be a key name.
    public init(name: String, publicKey: SM2.PublicKey) throws(NationalCryptoError) {
        guard Self.isValidKeyName(name) else {
            throw NationalCryptoError(.invalidInput, "key name \"\(name)\" must be non-empty, with no spaces, '+' or control characters")
        }
        self.name = name
        self.publicKey = publicKey
    }

    /// Parses `name+hexkeyid+base64(type ‖ public key)` and checks that the key id matches.
    public init(verifierKey: String) throws(NationalCryptoError) {
        func bad(_ why: String) -> NationalCryptoError {
            NationalCryptoError(.invalidInput, "not an SM2 verifier key name+keyid+base64key: \(why)")
        }
        // Base64 may contain '+': split at the first two only.
        let parts = verifierKey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw bad("expected three parts separated by '+'") }
        guard let blob = Base64.decode(canonical: parts[2]),
            blob.count == Self.signatureType.count + SM2.publicKeyByteCount,
            blob.starts(with: Self.signatureType)
        else {
            throw bad("the key must be base64 of the SM2 signature type ff06082a811ccf55018375 and a 65-byte point")
        }
        let key: SM2.PublicKey
        do { key = try SM2.PublicKey(rawRepresentation: blob.dropFirst(Self.signatureType.count)) } catch { throw bad(error.message) }
        try self.init(name: String(parts[0]), publicKey: key)
        // Lowercase only, as for Ed25519 keys: one spelling per key.
        guard parts[1] == Hex.encode(keyID) else { throw bad("the key id does not match the key (8 lowercase hex digits)") }
    }

    /// The first 4 bytes of SHA-256(name ‖ "\n" ‖ type ‖ public key), as
    /// c2sp.org/signed-note recommends for every signature type.
    public var keyID: [UInt8] {
        Array(TreeHasher.sha256(Array(name.utf8) + [0x0A] + Self.signatureType + publicKey.rawRepresentation).bytes.prefix(4))
    }

    /// `name+hexkeyid+base64(type ‖ public key)`.
    public var verifierKey: String {
        "\(name)+\(Hex.encode(keyID))+\(Data(Self.signatureType + publicKey.rawRepresentation).base64EncodedString())"
    }

    /// Whether `signature` is this key's SM2 signature (r ‖ s) of the note
    /// text's UTF-8 bytes. Fails closed: a libcrypto failure while checking
    /// answers `false`, so a note is never accepted on an error.
    public func isValidSignature(_ signature: [UInt8], for text: String) -> Bool {
        (try? publicKey.verify(signature, for: Array(text.utf8))) ?? false
    }

    /// Key names: non-empty, no Unicode spaces, no '+', no control characters (c2sp.org/signed-note).
    static func isValidKeyName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0 == "+" || $0.properties.isWhitespace || $0.value < 0x20 }
    }
}
