import CJiazhouOpenSSL

extension SM2 {
    /// An SM2 verifying key: a point of order n on the recommended curve.
    ///
    /// ```swift
    /// let key = try SM2.PublicKey(rawRepresentation: published)   // 65 bytes 04 ‖ x ‖ y
    /// guard try key.verify(signature, for: message) else { … }
    /// ```
    public struct PublicKey: Sendable, Equatable {
        /// The uncompressed point 0x04 ‖ x ‖ y (GB/T 32918.1 §4.2.9), 65 bytes.
        public let rawRepresentation: [UInt8]
        let key: PKey

        /// Imports an uncompressed point; refuses other lengths and forms,
        /// coordinates ≥ p, points off the curve and the point at infinity.
        public init(rawRepresentation: some Collection<UInt8>) throws(NationalCryptoError) {
            let point = Array(rawRepresentation)
            guard point.count == SM2.publicKeyByteCount, point.first == 0x04 else {
                throw .invalidInput("an SM2 public key is the 65-byte uncompressed point 0x04 ‖ x ‖ y")
            }
            self.key = try PKey.fromData(publicKey: point, privateScalar: nil)
            self.rawRepresentation = point
        }

        public static func == (a: PublicKey, b: PublicKey) -> Bool { a.rawRepresentation == b.rawRepresentation }

        /// Whether `signature` (r ‖ s, 64 bytes) is this key's SM2 signature of
        /// `message` (GB/T 32918.2 §7.1). A signature of another length, or
        /// with r or s outside [1, n − 1], is not valid: `false`, not an error.
        /// Throws only when libcrypto fails to carry out the check.
        public func verify(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) throws(NationalCryptoError) -> Bool {
            try verify(signature, for: message, distinguishingID: SM2.defaultDistinguishingID)
        }

        /// Verifies with another distinguishing id: for tests that show the id matters.
        func verify(
            _ signature: some Collection<UInt8>,
            for message: some Collection<UInt8>,
            distinguishingID: [UInt8]
        ) throws(NationalCryptoError) -> Bool {
            // B1, B2 of §7.1: r and s in [1, n − 1], checked here so that
            // libcrypto only ever sees well-formed DER.
            guard let parsed = try? Signature(rawRepresentation: signature) else { return false }
            let der = try parsed.derRepresentation()
            let sm3 = try SM3.Algorithm.sm3.get()  // fetched once, not by name on every call
            guard let digestContext = EVP_MD_CTX_new() else { throw .library("EVP_MD_CTX_new") }
            defer { EVP_MD_CTX_free(digestContext) }  // also frees the EVP_PKEY_CTX it made
            var keyContext: OpaquePointer?
            guard EVP_DigestVerifyInit(digestContext, &keyContext, sm3.pointer, nil, key.pointer) == 1, let keyContext else {
                throw .library("EVP_DigestVerifyInit(SM3)")
            }
            guard EVP_PKEY_CTX_set1_id(keyContext, distinguishingID, Int32(distinguishingID.count)) == 1 else {
                throw .library("EVP_PKEY_CTX_set1_id")
            }
            let result = try message.withContiguousBytes { bytes throws(NationalCryptoError) in
                EVP_DigestVerify(digestContext, der, der.count, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
            }
            switch result {
            case 1:
                return true
            case 0:
                // A signature that does not verify leaves a reason on the
                // thread's error queue; it is an answer, not a failure.
                _ = OpenSSLErrors.drain()
                return false
            default:
                throw .library("EVP_DigestVerify")
            }
        }
    }
}
