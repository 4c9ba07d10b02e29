import CJiazhouOpenSSL

/// Why an SM3 or SM2 operation failed: what went wrong, whose fault it is,
/// and libcrypto's own account of it.
///
/// Transports and the CLI map it at their edge: ``Kind/invalidInput`` is the
/// caller's data (a verifier key that is not an SM2 point, a key file that is
/// not a scalar), ``Kind/library`` is an operating failure of libcrypto on
/// valid input (out of memory, a provider without SM2 or SM3).
public struct NationalCryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Whose fault a failure is.
    public enum Kind: String, Sendable {
        /// The bytes given are not a valid key, point, scalar or encoding.
        case invalidInput = "invalid_input"
        /// libcrypto failed an operation on valid input.
        case library
    }

    public var kind: Kind
    /// What failed and, for invalid input, what a valid one looks like.
    public var message: String
    /// libcrypto's error queue at the time, oldest first, when it had anything to say.
    public var cause: String?

    public init(_ kind: Kind, _ message: String, cause: String? = nil) {
        self.kind = kind
        self.message = message
        self.cause = cause
    }

    public var description: String {
        cause.map { "\(kind.rawValue): \(message) (\($0))" } ?? "\(kind.rawValue): \(message)"
    }

    /// A libcrypto call that failed on valid input; drains the thread's error queue into `cause`.
    static func library(_ call: String) -> NationalCryptoError {
        NationalCryptoError(.library, "\(call) failed", cause: OpenSSLErrors.drain())
    }

    /// Input that libcrypto (or a check before it) refused; drains the error queue into `cause`.
    static func invalidInput(_ message: String) -> NationalCryptoError {
        NationalCryptoError(.invalidInput, message, cause: OpenSSLErrors.drain())
    }
}

/// libcrypto's per-thread error queue.
enum OpenSSLErrors {
    /// Most queued errors reported in one `cause`; the rest are discarded.
    static let maxReported = 8

    /// Empties the queue and returns its messages, or `nil` if it was empty.
    ///
    /// Every failure path drains it, and so does every verification that
    /// returns `false`, so that a stale error never shows up as the cause of
    /// a later, unrelated failure on the same thread.
    static func drain() -> String? {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            guard messages.count < maxReported else { continue }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let text = buffer.withUnsafeBufferPointer { pointer in
                String(decoding: pointer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            messages.append(text)
        }
        return messages.isEmpty ? nil : messages.joined(separator: "; ")
    }
}
