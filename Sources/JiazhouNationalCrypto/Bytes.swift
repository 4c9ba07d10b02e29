extension Collection<UInt8> {
    /// Calls `body` with the bytes in contiguous memory: in place when the
    /// collection already is contiguous (`[UInt8]`, `ArraySlice`, `Data`'s
    /// bytes), through one copy otherwise.
    func withContiguousBytes<R>(
        _ body: (UnsafeRawBufferPointer) throws(NationalCryptoError) -> R
    ) throws(NationalCryptoError) -> R {
        // The standard library's `with…` functions rethrow untyped errors;
        // a Result carries the typed one through them.
        if let result = withContiguousStorageIfAvailable({ buffer in
            Result { () throws(NationalCryptoError) -> R in try body(UnsafeRawBufferPointer(buffer)) }
        }) {
            return try result.get()
        }
        return try Array(self).withUnsafeBytes { buffer in
            Result { () throws(NationalCryptoError) -> R in try body(buffer) }
        }.get()
    }
}

/// Fixed-width unsigned big-endian integers, compared as byte strings.
enum BigEndian {
    /// Whether `a < b`; both have the same width.
    static func isLess(_ a: some Collection<UInt8>, than b: some Collection<UInt8>) -> Bool {
        precondition(a.count == b.count, "compared integers have the same width")
        return a.lexicographicallyPrecedes(b)
    }

    static func isZero(_ a: some Collection<UInt8>) -> Bool {
        a.allSatisfy { $0 == 0 }
    }
}
