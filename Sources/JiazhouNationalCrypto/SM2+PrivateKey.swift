import CJiazhouOpenSSL

extension SM2 {
    /// An SM2 signing key: the scalar d, with 1 ≤ d ≤ n − 2, and its public key d·G.
    ///
    /// ```swift
    /// let key = try SM2.PrivateKey.generate()
    /// let stored = key.rawRepresentation                      // 32 bytes, for the key file
    /// let again = try SM2.PrivateKey(rawRepresentation: stored)
    /// let signature = try again.sign(Array(noteText.utf8))    // 64 bytes r ‖ s
    /// ```
    public struct PrivateKey: Sendable {
        /// The 32-byte big-endian scalar d.
        public let rawRepresentation: [UInt8]
        /// d·G.
        public let publicKey: PublicKey
        let key: PKey

        /// Imports a 32-byte big-endian scalar d; refuses 0 and anything ≥ n − 1.
        public init(rawRepresentation: some Collection<UInt8>) throws(NationalCryptoError) {
            let scalar = Array(rawRepresentation)
            guard scalar.count == SM2.privateKeyByteCount else {
                throw .invalidInput("an SM2 private key is 32 bytes, not \(scalar.count)")
            }
            guard !BigEndian.isZero(scalar), BigEndian.isLess(scalar, than: SM2.orderMinusOne) else {
                throw .invalidInput("an SM2 private key d must satisfy 1 ≤ d ≤ n − 2 (GB/T 32918.1 §6.1)")
            }
            let point = try Self.publicPoint(of: scalar)
            self.key = try PKey.fromData(publicKey: point, privateScalar: scalar)
            self.publicKey = try PublicKey(rawRepresentation: point)
            self.rawRepresentation = scalar
        }

        /// A new key from libcrypto's random generator.
        public static func generate() throws(NationalCryptoError) -> PrivateKey {
            guard let context = EVP_PKEY_CTX_new_from_name(nil, SM2.algorithmName, nil) else {
                throw .library("EVP_PKEY_CTX_new_from_name(SM2): this libcrypto has no SM2")
            }
            defer { EVP_PKEY_CTX_free(context) }
            guard EVP_PKEY_keygen_init(context) == 1 else { throw .library("EVP_PKEY_keygen_init") }
            var generated: OpaquePointer?
            guard EVP_PKEY_generate(context, &generated) == 1, let generated else { throw .library("EVP_PKEY_generate") }
            defer { EVP_PKEY_free(generated) }
            var scalar: OpaquePointer?
            defer { BN_clear_free(scalar) }
            guard EVP_PKEY_get_bn_param(generated, jiazhou_param_private_key(), &scalar) == 1, let scalar else {
                throw .library("EVP_PKEY_get_bn_param(priv)")
            }
            var bytes = [UInt8](repeating: 0, count: SM2.privateKeyByteCount)
            guard BN_bn2binpad(scalar, &bytes, Int32(bytes.count)) == Int32(bytes.count) else { throw .library("BN_bn2binpad") }
            // One path for every key: the generated scalar is imported like
            // one read from a file, with the same checks.
            return try PrivateKey(rawRepresentation: bytes)
        }

        /// d·G on the recommended curve, as 0x04 ‖ x ‖ y.
        private static func publicPoint(of scalar: [UInt8]) throws(NationalCryptoError) -> [UInt8] {
            guard let group = EC_GROUP_new_by_curve_name(NID_sm2) else { throw .library("EC_GROUP_new_by_curve_name(SM2)") }
            defer { EC_GROUP_free(group) }
            guard let point = EC_POINT_new(group) else { throw .library("EC_POINT_new") }
            defer { EC_POINT_free(point) }
            guard let d = BN_bin2bn(scalar, Int32(scalar.count), nil) else { throw .library("BN_bin2bn") }
            defer { BN_clear_free(d) }
            guard EC_POINT_mul(group, point, d, nil, nil, nil) == 1 else { throw .library("EC_POINT_mul") }
            var encoded = [UInt8](repeating: 0, count: SM2.publicKeyByteCount)
            let written = EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, &encoded, encoded.count, nil)
            guard written == SM2.publicKeyByteCount else { throw .library("EC_POINT_point2oct") }
            return encoded
        }

        /// The SM2 signature of `message` (GB/T 32918.2 §6.1) as r ‖ s, 32
        /// big-endian bytes each. Randomised: signing the same message twice
        /// gives two different signatures, both valid.
        public func sign(_ message: some Collection<UInt8>) throws(NationalCryptoError) -> [UInt8] {
            try sign(message, distinguishingID: SM2.defaultDistinguishingID)
        }

        /// Signs with another distinguishing id: for tests that show the id matters.
        func sign(_ message: some Collection<UInt8>, distinguishingID: [UInt8]) throws(NationalCryptoError) -> [UInt8] {
            let sm3 = try SM3.Algorithm.sm3.get()  // fetched once, not by name on every call
            guard let digestContext = EVP_MD_CTX_new() else { throw .library("EVP_MD_CTX_new") }
            defer { EVP_MD_CTX_free(digestContext) }  // also frees the EVP_PKEY_CTX it made
            var keyContext: OpaquePointer?
            guard EVP_DigestSignInit(digestContext, &keyContext, sm3.pointer, nil, key.pointer) == 1, let keyContext else {
                throw .library("EVP_DigestSignInit(SM3)")
            }
            guard EVP_PKEY_CTX_set1_id(keyContext, distinguishingID, Int32(distinguishingID.count)) == 1 else {
                throw .library("EVP_PKEY_CTX_set1_id")
            }
            let capacity = EVP_PKEY_get_size(key.pointer)
            guard capacity > 0 else { throw .library("EVP_PKEY_get_size") }
            var der = [UInt8](repeating: 0, count: Int(capacity))
            var length = der.count
            try message.withContiguousBytes { bytes throws(NationalCryptoError) in
                let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
                guard EVP_DigestSign(digestContext, &der, &length, base, bytes.count) == 1 else { throw .library("EVP_DigestSign") }
            }
            guard length <= der.count else { throw .library("EVP_DigestSign (signature length)") }
            do {
                return try Signature(derRepresentation: der[..<length]).rawRepresentation
            } catch {
                throw NationalCryptoError(.library, "libcrypto produced a signature that is not canonical: \(error.message)")
            }
        }
    }
}
