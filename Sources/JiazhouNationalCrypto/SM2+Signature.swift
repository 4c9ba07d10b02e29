import CJiazhouOpenSSL

extension SM2 {
    /// An SM2 signature (r, s) with both in [1, n − 1], convertible between
    /// the fixed 64-byte r ‖ s used by the ledger and the DER
    /// `SEQUENCE { r INTEGER, s INTEGER }` of GM/T 0009 that libcrypto uses.
    ///
    /// ```swift
    /// let signature = try SM2.Signature(derRepresentation: der)
    /// signature.rawRepresentation          // 64 bytes
    /// try signature.derRepresentation()    // the same DER again
    /// ```
    public struct Signature: Sendable, Equatable {
        /// r ‖ s, 32 big-endian bytes each.
        public let rawRepresentation: [UInt8]

        /// r, 32 big-endian bytes.
        public var r: ArraySlice<UInt8> { rawRepresentation[0..<32] }
        /// s, 32 big-endian bytes.
        public var s: ArraySlice<UInt8> { rawRepresentation[32..<64] }

        /// Reads r ‖ s; refuses any other length, and r or s that is 0 or ≥ n.
        public init(rawRepresentation: some Collection<UInt8>) throws(NationalCryptoError) {
            let bytes = Array(rawRepresentation)
            guard bytes.count == SM2.signatureByteCount else {
                throw NationalCryptoError(.invalidInput, "an SM2 signature is 64 bytes r ‖ s, not \(bytes.count)")
            }
            for (name, half) in [("r", bytes[0..<32]), ("s", bytes[32..<64])] {
                guard !BigEndian.isZero(half), BigEndian.isLess(half, than: SM2.order) else {
                    throw NationalCryptoError(.invalidInput, "SM2 signature \(name) must be in [1, n − 1] (GB/T 32918.2 §7.1)")
                }
            }
            self.rawRepresentation = bytes
        }

        /// Reads strict DER: exactly one SEQUENCE of two positive INTEGERs in
        /// their shortest form, nothing after it, and the range checks of
        /// ``init(rawRepresentation:)``. BER's other spellings of the same
        /// numbers are refused, so one signature has one encoding.
        public init(derRepresentation: some Collection<UInt8>) throws(NationalCryptoError) {
            let der = Array(derRepresentation)
            func malformed(_ why: String) -> NationalCryptoError { .invalidInput("not a DER SM2 signature: \(why)") }
            guard !der.isEmpty, der.count <= Self.maxDERByteCount else { throw malformed("\(der.count) bytes") }
            var raw = [UInt8](repeating: 0, count: SM2.signatureByteCount)
            try der.withUnsafeBufferPointer { buffer in
                Result { () throws(NationalCryptoError) in
                    var cursor = buffer.baseAddress
                    guard let parsed = d2i_ECDSA_SIG(nil, &cursor, buffer.count) else { throw malformed("libcrypto cannot parse it") }
                    defer { ECDSA_SIG_free(parsed) }
                    // Canonical: re-encoding what was read gives the input back.
                    let length = i2d_ECDSA_SIG(parsed, nil)
                    guard length == buffer.count else { throw malformed("not in its one DER form") }
                    var again = [UInt8](repeating: 0, count: Int(length))
                    var out: UnsafeMutablePointer<UInt8>? = nil
                    let written = again.withUnsafeMutableBufferPointer { target in
                        out = target.baseAddress
                        return i2d_ECDSA_SIG(parsed, &out)
                    }
                    guard written == length, again == der else { throw malformed("not in its one DER form") }
                    for (index, number) in [ECDSA_SIG_get0_r(parsed), ECDSA_SIG_get0_s(parsed)].enumerated() {
                        guard let number, BN_is_negative(number) == 0, BN_num_bits(number) <= 256 else {
                            throw malformed("r and s must be positive numbers of at most 256 bits")
                        }
                        let padded = raw.withUnsafeMutableBufferPointer { target in
                            BN_bn2binpad(number, target.baseAddress.map { $0 + index * 32 }, 32)
                        }
                        guard padded == 32 else { throw .library("BN_bn2binpad") }
                    }
                }
            }.get()
            try self.init(rawRepresentation: raw)
        }

        /// Longest DER of two 256-bit INTEGERs: 2 + 2 × (2 + 33).
        static let maxDERByteCount = 72

        /// The DER `SEQUENCE { r INTEGER, s INTEGER }`, as libcrypto writes it.
        public func derRepresentation() throws(NationalCryptoError) -> [UInt8] {
            guard let signature = ECDSA_SIG_new() else { throw .library("ECDSA_SIG_new") }
            defer { ECDSA_SIG_free(signature) }
            guard let r = BN_bin2bn(rawRepresentation, 32, nil) else { throw .library("BN_bin2bn") }
            guard let s = rawRepresentation.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress.map { $0 + 32 }, 32, nil) }) else {
                BN_free(r)
                throw .library("BN_bin2bn")
            }
            guard ECDSA_SIG_set0(signature, r, s) == 1 else {  // on success the signature owns r and s
                BN_free(r)
                BN_free(s)
                throw .library("ECDSA_SIG_set0")
            }
            let length = i2d_ECDSA_SIG(signature, nil)
            guard length > 0, length <= Self.maxDERByteCount else { throw .library("i2d_ECDSA_SIG") }
            var der = [UInt8](repeating: 0, count: Int(length))
            let written = der.withUnsafeMutableBufferPointer { target in
                var out = target.baseAddress
                return i2d_ECDSA_SIG(signature, &out)
            }
            guard written == length else { throw .library("i2d_ECDSA_SIG") }
            return der
        }
    }
}
