public import JiazhouCore
import CJiazhouOpenSSL

/// SM3, the hash function of GB/T 32905-2016 (ISO/IEC 10118-3:2018), through
/// the system's libcrypto: a 32-byte digest of any byte string.
///
/// ```swift
/// let digest = try SM3.hash(Array("abc".utf8))   // 66c7f0f4…8f4ba8e0 (GB/T 32905 A.1)
/// let leaf = try SM3.leafHash(canonicalBytes)     // SM3(0x00 ‖ bytes), RFC 9162 §2.1.1
/// ```
///
/// Thread safety: every function may be called from any number of threads
/// at once. The algorithm is fetched from libcrypto once per process and
/// only read afterwards; the one-shot functions hash in a digest context
/// that belongs to the calling thread, reused from call to call, so a hash
/// costs no allocation in libcrypto. ``Hasher`` is a value of its own.
public enum SM3 {
    /// Length of a digest in bytes.
    public static let byteCount = 32

    /// SM3 of `message`.
    public static func hash(_ message: some Collection<UInt8>) throws(NationalCryptoError) -> [UInt8] {
        try digest { context throws(NationalCryptoError) in
            try message.withContiguousBytes { bytes throws(NationalCryptoError) in try update(context, bytes) }
        }
    }

    /// SM3 of `message`: the same, without the generic path (a caller in
    /// another module cannot specialise the generic one).
    public static func hash(_ message: [UInt8]) throws(NationalCryptoError) -> [UInt8] {
        try digest { context throws(NationalCryptoError) in try update(context, message) }
    }

    /// SM3 of `message`, written into the first 32 bytes of `digest`: the
    /// fast path, with no allocation at all.
    public static func hash(_ message: UnsafeRawBufferPointer, into digest: UnsafeMutableRawBufferPointer) throws(NationalCryptoError) {
        precondition(digest.count >= byteCount, "an SM3 digest needs 32 bytes")
        try compute(into: digest) { context throws(NationalCryptoError) in try update(context, message) }
    }

    /// SM3(0x00 ‖ bytes): the RFC 9162 §2.1.1 leaf hash, with SM3 in place of SHA-256.
    public static func leafHash(_ bytes: some Collection<UInt8>) throws(NationalCryptoError) -> Hash {
        try tree(digest { context throws(NationalCryptoError) in
            try update(context, prefix: 0x00)
            try bytes.withContiguousBytes { buffer throws(NationalCryptoError) in try update(context, buffer) }
        })
    }

    /// SM3(0x00 ‖ bytes), without the generic path: the hot one, once per entry.
    public static func leafHash(_ bytes: [UInt8]) throws(NationalCryptoError) -> Hash {
        try tree(digest { context throws(NationalCryptoError) in
            try update(context, prefix: 0x00)
            try update(context, bytes)
        })
    }

    /// SM3(0x01 ‖ left ‖ right): the RFC 9162 §2.1.1 node hash, with SM3 in place of SHA-256.
    public static func nodeHash(_ left: Hash, _ right: Hash) throws(NationalCryptoError) -> Hash {
        try tree(digest { context throws(NationalCryptoError) in
            try update(context, prefix: 0x01)
            try update(context, left.bytes)
            try update(context, right.bytes)
        })
    }

    /// SM3 of the empty string: the root of the empty tree (RFC 9162 §2.1.1, MTH({})).
    public static func emptyRoot() throws(NationalCryptoError) -> Hash {
        try tree(hash([UInt8]()))
    }

    private static func tree(_ digest: [UInt8]) throws(NationalCryptoError) -> Hash {
        guard let hash = Hash(bytes: digest) else { throw NationalCryptoError(.library, "SM3 gave \(digest.count) bytes, not 32") }
        return hash
    }

    /// A new 32-byte array filled by `feed` then finalisation.
    private static func digest(_ feed: (OpaquePointer) throws(NationalCryptoError) -> Void) throws(NationalCryptoError) -> [UInt8] {
        var failure: NationalCryptoError?
        let bytes = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, count in
            do throws(NationalCryptoError) {
                try compute(into: UnsafeMutableRawBufferPointer(buffer), feed)
                count = byteCount
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Initialises the calling thread's context, lets `feed` update it, and
    /// finalises into `digest`.
    private static func compute(
        into digest: UnsafeMutableRawBufferPointer,
        _ feed: (OpaquePointer) throws(NationalCryptoError) -> Void
    ) throws(NationalCryptoError) {
        let algorithm = try Algorithm.sm3.get()
        try ThreadContext.with { context throws(NationalCryptoError) in
            guard EVP_DigestInit_ex2(context, algorithm.pointer, nil) == 1 else { throw .library("EVP_DigestInit_ex2(SM3)") }
            try feed(context)
            try finalize(context, into: digest)
        }
    }

    static func update(_ context: OpaquePointer, _ bytes: UnsafeRawBufferPointer) throws(NationalCryptoError) {
        guard bytes.count > 0 else { return }
        guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else { throw .library("EVP_DigestUpdate") }
    }

    private static func update(_ context: OpaquePointer, _ bytes: [UInt8]) throws(NationalCryptoError) {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(NationalCryptoError) in try update(context, buffer) }
        }.get()
    }

    /// Appends one domain-separation byte (RFC 9162: 0x00 before a leaf, 0x01 before two children).
    private static func update(_ context: OpaquePointer, prefix: UInt8) throws(NationalCryptoError) {
        var byte = prefix
        guard EVP_DigestUpdate(context, &byte, 1) == 1 else { throw .library("EVP_DigestUpdate") }
    }

    static func finalize(_ context: OpaquePointer, into digest: UnsafeMutableRawBufferPointer) throws(NationalCryptoError) {
        guard let out = digest.baseAddress?.assumingMemoryBound(to: UInt8.self), digest.count >= byteCount else {
            preconditionFailure("an SM3 digest needs 32 bytes")
        }
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, out, &length) == 1 else { throw .library("EVP_DigestFinal_ex") }
        guard length == UInt32(byteCount) else { throw NationalCryptoError(.library, "SM3 gave \(length) bytes, not 32") }
    }
}

extension SM3 {
    /// The SM3 implementation of libcrypto's default provider, fetched once.
    struct Algorithm: @unchecked Sendable {
        // @unchecked: an EVP_MD is immutable once fetched and libcrypto
        // documents fetched algorithms as shareable between threads
        // (openssl-threads(7)). It is never freed: it lives as long as the process.
        let pointer: OpaquePointer

        static let sm3: Result<Algorithm, NationalCryptoError> = {
            guard let pointer = EVP_MD_fetch(nil, "SM3", nil) else {
                return .failure(.library("EVP_MD_fetch(SM3): this libcrypto has no SM3"))
            }
            return .success(Algorithm(pointer: pointer))
        }()
    }
}
