import CJiazhouOpenSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension SM3 {
    /// One digest context per thread, made on the thread's first hash and
    /// freed when the thread ends, so that a hash does not allocate.
    ///
    /// A context is used only inside one synchronous call (``with(_:)``
    /// never suspends and nothing in it hashes again), so a thread never
    /// has two uses of its context under way. Should the thread-local key
    /// be unavailable, each call makes and frees a context of its own.
    enum ThreadContext {
        static let key: pthread_key_t? = {
            var key = pthread_key_t()
            let created = pthread_key_create(&key) { pointer in EVP_MD_CTX_free(OpaquePointer(pointer)) }
            return created == 0 ? key : nil
        }()

        static func with<R>(_ body: (OpaquePointer) throws(NationalCryptoError) -> R) throws(NationalCryptoError) -> R {
            if let key, let cached = pthread_getspecific(key) {
                return try body(OpaquePointer(cached))
            }
            guard let context = EVP_MD_CTX_new() else { throw .library("EVP_MD_CTX_new") }
            if let key, pthread_setspecific(key, UnsafeRawPointer(context)) == 0 {
                return try body(context)
            }
            defer { EVP_MD_CTX_free(context) }
            return try body(context)
        }
    }
}
