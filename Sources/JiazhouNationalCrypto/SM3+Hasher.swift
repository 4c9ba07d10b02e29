import CJiazhouOpenSSL

extension SM3 {
    /// Incremental SM3: feed a message in parts, then take its digest.
    ///
    /// ```swift
    /// var hasher = try SM3.Hasher()
    /// try hasher.update(Array("ab".utf8))
    /// try hasher.update(Array("c".utf8))
    /// let digest = try hasher.finalize()   // == SM3.hash("abc")
    /// ```
    ///
    /// Non-copyable: it owns one libcrypto digest context, freed when the
    /// hasher ends. ``finalize()`` starts it over, so one hasher can hash
    /// any number of messages in turn without allocating again.
    public struct Hasher: ~Copyable {
        private let context: OpaquePointer
        private let algorithm: Algorithm

        /// A hasher over the empty message.
        public init() throws(NationalCryptoError) {
            let algorithm = try Algorithm.sm3.get()
            guard let context = EVP_MD_CTX_new() else { throw .library("EVP_MD_CTX_new") }
            guard EVP_DigestInit_ex2(context, algorithm.pointer, nil) == 1 else {
                EVP_MD_CTX_free(context)
                throw .library("EVP_DigestInit_ex2(SM3)")
            }
            self.context = context
            self.algorithm = algorithm
        }

        deinit { EVP_MD_CTX_free(context) }

        /// Appends `bytes` to the message.
        public mutating func update(_ bytes: some Collection<UInt8>) throws(NationalCryptoError) {
            let context = context
            try bytes.withContiguousBytes { buffer throws(NationalCryptoError) in try SM3.update(context, buffer) }
        }

        /// Appends the bytes of `buffer` to the message.
        public mutating func update(_ buffer: UnsafeRawBufferPointer) throws(NationalCryptoError) {
            try SM3.update(context, buffer)
        }

        /// The digest of everything appended since the hasher began or was
        /// last finalised; the hasher then starts over on an empty message.
        public mutating func finalize() throws(NationalCryptoError) -> [UInt8] {
            var digest = [UInt8](repeating: 0, count: SM3.byteCount)
            try digest.withUnsafeMutableBytes { buffer in
                Result { () throws(NationalCryptoError) in try SM3.finalize(context, into: buffer) }
            }.get()
            guard EVP_DigestInit_ex2(context, algorithm.pointer, nil) == 1 else { throw .library("EVP_DigestInit_ex2(SM3)") }
            return digest
        }
    }
}
