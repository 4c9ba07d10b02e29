public import JiazhouCore
import Foundation

/// RFC 9162 with SM3 in place of SHA-256, as Core's ``TreeHashing``: the
/// `sm3-sm2` suite's tree (Ledger/SPEC.md §14).
///
/// ```swift
/// let tree = try SM3TreeHashing()      // refuses a libcrypto without SM3
/// let leaf = tree.leafHash(bytes)      // SM3(0x00 ‖ bytes)
/// ```
///
/// Making one checks that libcrypto has SM3 and that it gives the
/// standard's answer for "abc" (GB/T 32905-2016 A.1). After that a hash
/// cannot fail on valid input; should libcrypto fail anyway (out of
/// memory), the process stops rather than put a wrong hash in a ledger.
public struct SM3TreeHashing: TreeHashing {
    public let emptyRoot: Hash

    public init() throws(NationalCryptoError) {
        let abc = try SM3.hash(Array("abc".utf8))
        guard Hex.encode(abc) == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" else {
            throw NationalCryptoError(.library, "libcrypto's SM3 does not give the GB/T 32905 answer for \"abc\"")
        }
        emptyRoot = try SM3.emptyRoot()
    }

    public func leafHash(_ bytes: [UInt8]) -> Hash {
        do { return try SM3.leafHash(bytes) } catch { Self.failed(error) }
    }

    public func nodeHash(_ left: Hash, _ right: Hash) -> Hash {
        do { return try SM3.nodeHash(left, right) } catch { Self.failed(error) }
    }

    private static func failed(_ error: NationalCryptoError) -> Never {
        preconditionFailure("SM3 failed on valid input: \(error)")
    }
}

/// SM2 checkpoint signatures (SPEC.md §14.1), as Core's
/// ``CheckpointSignatures``: the `sm3-sm2` suite's keys.
public struct SM2Signatures: CheckpointSignatures {
    public init() {}

    public var signatureType: [UInt8] { SM2NoteVerifier.signatureType }

    /// A key whose scalar d is drawn from `randomBytes(32)`, drawing again
    /// while d is 0 or ≥ n − 1 (GB/T 32918.1 §6.1: 1 ≤ d ≤ n − 2), which
    /// happens for about one draw in 2^32.
    public func generateSigner(name: String, randomBytes: (Int) -> [UInt8]) throws(LedgerError) -> any NoteSigning {
        for _ in 0..<64 {
            let scalar = randomBytes(SM2.privateKeyByteCount)
            guard scalar.count == SM2.privateKeyByteCount, !BigEndian.isZero(scalar), BigEndian.isLess(scalar, than: SM2.orderMinusOne) else { continue }
            do { return try SM2NoteSigner(name: name, privateKey: SM2.PrivateKey(rawRepresentation: scalar)) } catch {
                throw Self.ledgerError(error, .invalid_request, "cannot make an SM2 key named \"\(name)\"")
            }
        }
        throw LedgerError(.storage_unavailable, "the random source gave no valid SM2 private key in 64 draws")
    }

    /// Reads `PRIVATE+KEY+name+hexkeyid+base64(type ‖ d)`.
    public func signer(signerKey: String) throws(LedgerError) -> any NoteSigning {
        do { return try SM2NoteSigner(signerKey: signerKey.trimmingCharacters(in: .whitespacesAndNewlines)) } catch {
            throw Self.ledgerError(error, .ledger_invalid, "the key file is not a valid SM2 signer key")
        }
    }

    public func verifier(verifierKey: String) throws(LedgerError) -> any NoteVerifying {
        do { return try SM2NoteVerifier(verifierKey: verifierKey) } catch {
            throw Self.ledgerError(error, .invalid_request, "the verifier key is not a valid SM2 verifier key")
        }
    }

    /// Invalid input is the caller's `reason`; a libcrypto failure is an
    /// operating failure, reported like storage that cannot be written.
    static func ledgerError(_ error: NationalCryptoError, _ reason: Reason, _ what: String) -> LedgerError {
        switch error.kind {
        case .invalidInput: LedgerError(reason, "\(what): \(error.message)", cause: error.cause)
        case .library: LedgerError(.storage_unavailable, "\(what): libcrypto failed: \(error.message)", cause: error.cause)
        }
    }
}

extension SM2NoteSigner: NoteSigning {
    /// ``sign(_:)`` with a ``LedgerError``: a libcrypto failure while signing
    /// a checkpoint stops the commit, and nothing is written.
    public func signNote(_ text: String) throws(LedgerError) -> String {
        do { return try sign(text) } catch {
            throw SM2Signatures.ledgerError(error, .storage_unavailable, "cannot sign the checkpoint with SM2")
        }
    }
}

extension SM2NoteVerifier: NoteVerifying {}

extension HashSuite {
    /// The name of the national suite: SM3 hashes, SM2 checkpoint signatures.
    public static let sm3SM2Name = "sm3-sm2"

    /// `sm3-sm2`: SM3 (GB/T 32905-2016) for every leaf, node, empty root
    /// and `prev`, and SM2 with SM3 (GB/T 32918.2-2016, default id
    /// `1234567812345678`) for checkpoints, signed-note type
    /// `ff 06 08 2a 81 1c cf 55 01 83 75`. Fails when the system's libcrypto
    /// offers no SM3 or SM2.
    public static func sm3SM2() throws(NationalCryptoError) -> HashSuite {
        try national.get()
    }

    private static let national: Result<HashSuite, NationalCryptoError> = {
        do throws(NationalCryptoError) {
            let tree = try SM3TreeHashing()
            // A key made and a signature checked: libcrypto has SM2 with SM3.
            let key = try SM2.PrivateKey.generate()
            guard try key.publicKey.verify(try key.sign([0x61]), for: [0x61]) else {
                throw NationalCryptoError(.library, "libcrypto's SM2 does not verify its own signature")
            }
            return .success(HashSuite(name: sm3SM2Name, hashName: "SM3", signatureName: "SM2", tree: tree, signatures: SM2Signatures()))
        } catch {
            return .failure(error)
        }
    }()
}
