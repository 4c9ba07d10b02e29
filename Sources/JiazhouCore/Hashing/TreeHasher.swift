import Crypto

/// The hashes of RFC 9162 §2.1.1: domain-separated leaf and node hashes, so
/// that a leaf can never be passed off as an interior node.
public enum TreeHasher {
    /// SHA-256 of the empty string: the root of the empty tree.
    public static let emptyRoot = Hash(uncheckedBytes: Array(SHA256.hash(data: [UInt8]())))

    /// SHA-256(0x00 ‖ bytes).
    public static func leafHash(_ bytes: some Collection<UInt8>) -> Hash {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: Array(bytes))
        return Hash(uncheckedBytes: Array(hasher.finalize()))
    }

    /// SHA-256(0x01 ‖ left ‖ right).
    public static func nodeHash(_ left: Hash, _ right: Hash) -> Hash {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left.bytes)
        hasher.update(data: right.bytes)
        return Hash(uncheckedBytes: Array(hasher.finalize()))
    }

    /// Plain SHA-256, for commitments and rule-set hashes.
    public static func sha256(_ bytes: some Collection<UInt8>) -> Hash {
        Hash(uncheckedBytes: Array(SHA256.hash(data: Array(bytes))))
    }
}
