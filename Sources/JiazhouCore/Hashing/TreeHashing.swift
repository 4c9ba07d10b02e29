/// The hash functions of a ledger's Merkle tree: RFC 9162 §2.1.1 with the
/// suite's hash function H in place of SHA-256 (Ledger/SPEC.md §14).
///
/// ```swift
/// struct MyTreeHashing: TreeHashing {
///     func leafHash(_ bytes: [UInt8]) -> Hash { … }           // H(0x00 ‖ bytes)
///     func nodeHash(_ left: Hash, _ right: Hash) -> Hash { … } // H(0x01 ‖ left ‖ right)
///     var emptyRoot: Hash { … }                                // H("")
/// }
/// ```
///
/// The built-in SHA-256 is ``TreeHasher``; SM3 is in JiazhouNationalCrypto.
/// A ``HashSuite`` carries one. The functions cannot fail: an implementation
/// that depends on a library checks when it is made that it can hash, and
/// stops the process if the library fails later on valid input (as
/// ``NoteSigner`` does when Ed25519 signing fails), since a wrong or missing
/// hash in the chain would be worse.
public protocol TreeHashing: Sendable {
    /// H(0x00 ‖ bytes): the leaf hash of an entry's canonical bytes.
    func leafHash(_ bytes: [UInt8]) -> Hash
    /// H(0x01 ‖ left ‖ right).
    func nodeHash(_ left: Hash, _ right: Hash) -> Hash
    /// H of the empty string: the root of the empty tree, MTH({}).
    var emptyRoot: Hash { get }
}

/// RFC 9162 with SHA-256, as ``TreeHashing``: the `sha256-ed25519` suite's
/// tree. (``HashSuite/sha256Ed25519`` calls ``TreeHasher`` directly; this is
/// the same hash behind the protocol, for code written against it.)
public struct SHA256TreeHashing: TreeHashing {
    public init() {}
    public func leafHash(_ bytes: [UInt8]) -> Hash { TreeHasher.leafHash(bytes) }
    public func nodeHash(_ left: Hash, _ right: Hash) -> Hash { TreeHasher.nodeHash(left, right) }
    public var emptyRoot: Hash { TreeHasher.emptyRoot }
}
