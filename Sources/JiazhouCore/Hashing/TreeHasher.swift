import Crypto

/// The hashes of RFC 9162 §2.1.1 with SHA-256: domain-separated leaf and
/// node hashes, so that a leaf can never be passed off as an interior node.
///
/// This is the `sha256-ed25519` suite's tree, which ``HashSuite`` calls;
/// code that hashes a ledger's tree goes through the ledger's ``HashSuite``,
/// never here. ``sha256(_:)`` and ``Streaming`` are plain SHA-256 for what
/// is SHA-256 in every suite (commitments, rule-set and request hashes).
public enum TreeHasher {
    /// SHA-256 of the empty string: the root of the empty tree.
    public static let emptyRoot = Hash(uncheckedBytes: Array(SHA256.hash(data: [UInt8]())))

    /// SHA-256(0x00 ‖ bytes).
    public static func leafHash(_ bytes: [UInt8]) -> Hash {
        bytes.withUnsafeBytes { leafHash($0) }
    }

    /// SHA-256(0x00 ‖ bytes), of bytes where they are (`verify` hashes
    /// each entry in its batch's buffer, without an array of its own).
    public static func leafHash(_ bytes: UnsafeRawBufferPointer) -> Hash {
        var hasher = SHA256()
        hasher.update(data: leafPrefix)
        hasher.update(bufferPointer: bytes)
        return hasher.finalize().withUnsafeBytes { Hash(exactly: $0) }
    }

    /// SHA-256(0x00 ‖ bytes), for any byte collection.
    public static func leafHash(_ bytes: some Collection<UInt8>) -> Hash {
        leafHash(Array(bytes))
    }

    private static let leafPrefix: [UInt8] = [0x00]
    private static let nodePrefix: [UInt8] = [0x01]

    /// SHA-256(0x01 ‖ left ‖ right).
    public static func nodeHash(_ left: Hash, _ right: Hash) -> Hash {
        var hasher = SHA256()
        hasher.update(data: nodePrefix)
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { Hash(exactly: $0) }
    }

    /// Plain SHA-256, for commitments and rule-set hashes.
    public static func sha256(_ bytes: some Collection<UInt8>) -> Hash {
        SHA256.hash(data: Array(bytes)).withUnsafeBytes { Hash(exactly: $0) }
    }
}

extension TreeHasher {
    /// SHA-256 over bytes that arrive in pieces (a file read in chunks).
    public struct Streaming {
        private var hasher = SHA256()

        public init() {}

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            hasher.update(bufferPointer: bytes)
        }

        public func finalize() -> Hash {
            hasher.finalize().withUnsafeBytes { Hash(exactly: $0) }
        }
    }
}
