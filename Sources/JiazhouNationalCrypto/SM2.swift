import CJiazhouOpenSSL

/// SM2 digital signatures (GB/T 32918.2-2016, ISO/IEC 14888-3:2018) on the
/// recommended 256-bit curve (GB/T 32918.5-2017), with SM3 as the hash and
/// the default distinguishing identifier "1234567812345678" of
/// GM/T 0009-2012 (GB/T 35276-2017), through the system's libcrypto.
///
/// ```swift
/// let key = try SM2.PrivateKey.generate()
/// let signature = try key.sign(Array("17\n".utf8))            // 64 bytes r ‖ s
/// let ok = try key.publicKey.verify(signature, for: Array("17\n".utf8))  // true
/// let published = key.publicKey.rawRepresentation               // 65 bytes 04 ‖ x ‖ y
/// ```
///
/// What is signed is `e = SM3(Z_A ‖ M)` with
/// `Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A)` (GB/T 32918.2
/// §5.5 and §6.1); libcrypto computes both once it is given the id, which it
/// is on every call. (OpenSSL 3.0 does not default to this id: without it,
/// libcrypto signs with an empty one, and the standard's example does not verify.)
///
/// Thread safety: keys are immutable values, safe to share between threads
/// and tasks; each ``PrivateKey/sign(_:)`` and ``PublicKey/verify(_:for:)``
/// makes, uses and frees contexts of its own.
public enum SM2 {
    /// Length of a private key, a scalar d with 1 ≤ d ≤ n − 2, in big-endian bytes.
    public static let privateKeyByteCount = 32
    /// Length of a public key: the uncompressed point 0x04 ‖ x ‖ y.
    public static let publicKeyByteCount = 65
    /// Length of a signature: r ‖ s, each 32 big-endian bytes.
    public static let signatureByteCount = 64

    /// The default distinguishing identifier ID_A: the 16 ASCII bytes
    /// "1234567812345678" (GM/T 0009-2012, GB/T 35276-2017), so ENTL_A = 0x0080.
    public static let defaultDistinguishingID: [UInt8] = Array("1234567812345678".utf8)

    /// n, the order of the base point of the recommended curve (GB/T 32918.5-2017).
    public static let order: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x72, 0x03, 0xDF, 0x6B, 0x21, 0xC6, 0x05, 0x2B, 0x53, 0xBB, 0xF4, 0x09, 0x39, 0xD5, 0x41, 0x23,
    ]

    /// n − 1: a private key is below it (GB/T 32918.1-2016 §6.1: d ∈ [1, n − 2]).
    static let orderMinusOne: [UInt8] = {
        var bytes = order
        bytes[31] -= 1  // n ends in 0x23: no borrow
        return bytes
    }()

    /// libcrypto's name of the key type and of the curve.
    static let algorithmName = "SM2"
}

extension SM2 {
    /// Owns one EVP_PKEY and frees it when the last key value holding it ends.
    final class PKey: @unchecked Sendable {
        // @unchecked: the EVP_PKEY is never modified after construction, and
        // libcrypto allows one unmodified EVP_PKEY to be used by several
        // threads at once (openssl-threads(7)); every operation on it makes
        // its own EVP_PKEY_CTX and EVP_MD_CTX.
        let pointer: OpaquePointer

        init(_ pointer: OpaquePointer) { self.pointer = pointer }

        deinit { EVP_PKEY_free(pointer) }

        /// Makes an SM2 key from a 65-byte encoded point and, for a key pair,
        /// the 32-byte private scalar; checks it with libcrypto's validation.
        static func fromData(
            publicKey: [UInt8],
            privateScalar: [UInt8]?
        ) throws(NationalCryptoError) -> PKey {
            var scalar: OpaquePointer?
            defer { BN_clear_free(scalar) }  // wipes the private scalar
            if let privateScalar {
                scalar = BN_bin2bn(privateScalar, Int32(privateScalar.count), nil)
                guard scalar != nil else { throw .library("BN_bin2bn") }
            }
            let parameters = try parameters(publicKey: publicKey, privateScalar: scalar)
            defer { OSSL_PARAM_free(parameters) }

            guard let context = EVP_PKEY_CTX_new_from_name(nil, algorithmName, nil) else {
                throw .library("EVP_PKEY_CTX_new_from_name(SM2): this libcrypto has no SM2")
            }
            defer { EVP_PKEY_CTX_free(context) }
            guard EVP_PKEY_fromdata_init(context) == 1 else { throw .library("EVP_PKEY_fromdata_init") }
            var made: OpaquePointer?
            let selection = privateScalar == nil ? jiazhou_selection_public_key() : jiazhou_selection_keypair()
            guard EVP_PKEY_fromdata(context, &made, selection, parameters) == 1, let made else {
                // libcrypto decodes the point here: one not on the curve, or
                // with a coordinate ≥ p, is refused at this step.
                throw .invalidInput("not an SM2 key: the point is not on the curve")
            }
            let key = PKey(made)
            try key.check(isKeyPair: privateScalar != nil)
            return key
        }

        /// The OSSL_PARAM array `group = SM2, pub = point[, priv = scalar]`.
        ///
        /// A builder refers to the buffers pushed into it until
        /// OSSL_PARAM_BLD_to_param copies them, so the point stays pinned
        /// until then; parameter names and the curve name are C strings with
        /// static storage from the shim (the array keeps pointing at the names).
        private static func parameters(
            publicKey: [UInt8],
            privateScalar: OpaquePointer?
        ) throws(NationalCryptoError) -> UnsafeMutablePointer<OSSL_PARAM> {
            guard let builder = OSSL_PARAM_BLD_new() else { throw .library("OSSL_PARAM_BLD_new") }
            defer { OSSL_PARAM_BLD_free(builder) }
            guard OSSL_PARAM_BLD_push_utf8_string(builder, jiazhou_param_group_name(), jiazhou_sm2_curve_name(), 0) == 1 else {
                throw .library("OSSL_PARAM_BLD_push_utf8_string(group)")
            }
            if let privateScalar {
                guard OSSL_PARAM_BLD_push_BN(builder, jiazhou_param_private_key(), privateScalar) == 1 else {
                    throw .library("OSSL_PARAM_BLD_push_BN(priv)")
                }
            }
            let built = publicKey.withUnsafeBytes { point in
                Result { () throws(NationalCryptoError) -> UnsafeMutablePointer<OSSL_PARAM> in
                    guard OSSL_PARAM_BLD_push_octet_string(builder, jiazhou_param_public_key(), point.baseAddress, point.count) == 1 else {
                        throw .library("OSSL_PARAM_BLD_push_octet_string(pub)")
                    }
                    guard let parameters = OSSL_PARAM_BLD_to_param(builder) else { throw .library("OSSL_PARAM_BLD_to_param") }
                    return parameters
                }
            }
            return try built.get()
        }

        /// libcrypto's own validation: the point is on the curve, not at
        /// infinity and of order n; for a key pair also the scalar's range and
        /// that the two halves belong together.
        private func check(isKeyPair: Bool) throws(NationalCryptoError) {
            guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil) else { throw .library("EVP_PKEY_CTX_new_from_pkey") }
            defer { EVP_PKEY_CTX_free(context) }
            let result = isKeyPair ? EVP_PKEY_check(context) : EVP_PKEY_public_check(context)
            guard result == 1 else {
                throw .invalidInput("not a valid SM2 \(isKeyPair ? "key pair" : "public key"): libcrypto's key check refused it")
            }
        }
    }
}
