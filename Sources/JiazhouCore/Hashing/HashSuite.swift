/// A ledger's hash-and-signature suite (Ledger/SPEC.md §14): the hash of
/// every leaf, node, empty root and `prev`, and the signature of every
/// checkpoint. It is chosen once, at `jiazhou init --suite NAME`, named in
/// the genesis entry's `data.suite`, and passed as a value to everything
/// that hashes or signs for that ledger; there is no current suite anywhere.
///
/// ```swift
/// let suite = HashSuite.sha256Ed25519                   // or the sm3-sm2 one, from JiazhouNationalCrypto
/// let sealed = entry.sealed(using: suite)               // canonical bytes + suite.leafHash(bytes)
/// var range = CompactRange(suite: suite)
/// range.append(sealed.leafHash)
/// let ok = proof.verifies(leafHash: sealed.leafHash, root: range.root, using: suite)
/// let verifier = try suite.verifier(verifierKey: key)   // checks checkpoint notes
/// ```
///
/// A concrete value, not an existential: the hot loops (append, verify,
/// proofs) call ``leafHash(_:)`` and ``nodeHash(_:_:)`` on it, and for
/// the default suite those go straight to ``TreeHasher``'s SHA-256 with no
/// dynamic dispatch. Another suite's tree goes through ``TreeHashing``, whose
/// hash costs far more than the call. Copying a suite copies one reference.
///
/// What stays SHA-256 whatever the suite, because it is not in the tree:
/// rule-set hashes, idempotency request hashes, profile commitments,
/// redemption-code hashes, token hashes, sheet hashes, and the 4-byte key
/// ids of signed notes (SPEC.md §14).
public struct HashSuite: Sendable {
    private let definition: Definition

    /// `sha256-ed25519`: SHA-256 (FIPS 180-4) and Ed25519 checkpoints
    /// (signed-note type 0x01). The default.
    public static let sha256Ed25519 = HashSuite(
        definition: Definition(
            name: "sha256-ed25519", hashName: "SHA-256", signatureName: "Ed25519", tree: .sha256, emptyRoot: TreeHasher.emptyRoot,
            signatures: Ed25519Signatures()))

    private init(definition: Definition) { self.definition = definition }

    /// A suite whose tree hash is `tree` and whose checkpoints are signed by
    /// `signatures`: how a module outside Core adds one (JiazhouNationalCrypto's `sm3-sm2`).
    public init(name: String, hashName: String, signatureName: String, tree: any TreeHashing, signatures: any CheckpointSignatures) {
        self.init(
            definition: Definition(
                name: name, hashName: hashName, signatureName: signatureName, tree: .other(tree), emptyRoot: tree.emptyRoot, signatures: signatures))
    }

    /// The name recorded in genesis and given to `--suite`: `sha256-ed25519`, `sm3-sm2`.
    public var name: String { definition.name }
    /// The hash function: `SHA-256`, `SM3`.
    public var hashName: String { definition.hashName }
    /// The checkpoint signature: `Ed25519`, `SM2`.
    public var signatureName: String { definition.signatureName }
    /// How checkpoints are signed, and the suite's keys read and made.
    public var signatures: any CheckpointSignatures { definition.signatures }

    // MARK: The tree (RFC 9162 §2.1.1 with the suite's hash H)

    /// H(0x00 ‖ bytes): an entry's leaf hash, and the next entry's `prev`.
    @inline(__always)
    public func leafHash(_ bytes: [UInt8]) -> Hash {
        switch definition.tree {
        case .sha256: TreeHasher.leafHash(bytes)
        case .other(let tree): tree.leafHash(bytes)
        }
    }

    /// H(0x00 ‖ bytes), of bytes where they are.
    public func leafHash(_ bytes: UnsafeRawBufferPointer) -> Hash {
        switch definition.tree {
        case .sha256: TreeHasher.leafHash(bytes)
        case .other(let tree): tree.leafHash(Array(bytes))
        }
    }

    /// H(0x00 ‖ bytes), for any byte collection.
    public func leafHash(_ bytes: some Collection<UInt8>) -> Hash {
        leafHash(Array(bytes))
    }

    /// H(0x01 ‖ left ‖ right).
    @inline(__always)
    public func nodeHash(_ left: Hash, _ right: Hash) -> Hash {
        switch definition.tree {
        case .sha256: TreeHasher.nodeHash(left, right)
        case .other(let tree): tree.nodeHash(left, right)
        }
    }

    /// H(""): the root of the empty ledger.
    public var emptyRoot: Hash { definition.emptyRoot }

    // MARK: Checkpoint keys

    /// A new signing key under `name` (a ledger's origin), drawn from `randomBytes`.
    public func generateSigner(name: String, randomBytes: (Int) -> [UInt8]) throws(LedgerError) -> any NoteSigning {
        try signatures.generateSigner(name: name, randomBytes: randomBytes)
    }

    /// Reads a signer key of this suite (a key file's content).
    public func signer(signerKey: String) throws(LedgerError) -> any NoteSigning {
        try signatures.signer(signerKey: signerKey)
    }

    /// Reads a verifier key of this suite.
    public func verifier(verifierKey: String) throws(LedgerError) -> any NoteVerifying {
        try signatures.verifier(verifierKey: verifierKey)
    }

    /// Whether `key`, a verifier key or a signer key, is of this suite's
    /// kind: its key blob begins with the suite's signature type. Says
    /// nothing of whether the rest of the key is valid.
    public func isKind(ofKey key: String) -> Bool {
        NoteKeyText.keyBlob(of: key)?.starts(with: signatures.signatureType) ?? false
    }
}

extension HashSuite: Equatable, CustomStringConvertible {
    /// Suites are equal when their names are: a name stands for one hash and one signature.
    public static func == (a: HashSuite, b: HashSuite) -> Bool { a.definition === b.definition || a.name == b.name }

    public var description: String { name }
}

extension HashSuite {
    /// Everything a suite is, made once and shared by every copy.
    private final class Definition: Sendable {
        enum Tree: Sendable {
            /// ``TreeHasher``, called directly.
            case sha256
            case other(any TreeHashing)
        }

        let name: String
        let hashName: String
        let signatureName: String
        let tree: Tree
        let emptyRoot: Hash
        let signatures: any CheckpointSignatures

        init(name: String, hashName: String, signatureName: String, tree: Tree, emptyRoot: Hash, signatures: any CheckpointSignatures) {
            self.name = name
            self.hashName = hashName
            self.signatureName = signatureName
            self.tree = tree
            self.emptyRoot = emptyRoot
            self.signatures = signatures
        }
    }
}

/// The suites one build of jiazhou knows, by name: what `--suite`, a
/// genesis entry's `data.suite` and a key's signature type are resolved
/// against. A suite the build names but cannot offer (a libcrypto without
/// SM3) is listed with the reason, so that asking for it says why.
///
/// ```swift
/// let catalog = SuiteCatalog([.sha256Ed25519])
/// let suite = try catalog.suite(named: "sha256-ed25519")
/// ```
public struct SuiteCatalog: Sendable {
    private let entries: [(name: String, suite: Result<HashSuite, LedgerError>)]

    /// `suites` in order (the first is the default), then `unavailable`
    /// suites by name with why they cannot be used.
    public init(_ suites: [HashSuite], unavailable: [(name: String, why: LedgerError)] = []) {
        entries = suites.map { ($0.name, .success($0)) } + unavailable.map { ($0.name, .failure($0.why)) }
    }

    /// Core's own: `sha256-ed25519` only.
    public static let builtIn = SuiteCatalog([.sha256Ed25519])

    /// Every name, usable or not, in order.
    public var names: [String] { entries.map(\.name) }

    /// The usable suites, in order.
    public var suites: [HashSuite] { entries.compactMap { try? $0.suite.get() } }

    /// The suite called `name`; a clear refusal for a name this build does
    /// not know, or a suite it knows but cannot offer here.
    public func suite(named name: String) throws(LedgerError) -> HashSuite {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw LedgerError(
                .invalid_request, "unknown hash suite \"\(name)\"; this build of jiazhou knows \(names.joined(separator: " and "))")
        }
        return try entry.suite.get()
    }

    /// The usable suite whose keys `key` (a verifier or signer key) is of,
    /// by its signature type; `nil` if none.
    public func suite(ofKey key: String) -> HashSuite? {
        suites.first { $0.isKind(ofKey: key) }
    }

    /// The suite of a verifier key and the key read with it: how an
    /// offline check (`verify-proof`, `verify-statement`, `audit`) learns
    /// which hash to use from the trust anchor it was given.
    public func verifier(verifierKey: String) throws(LedgerError) -> (suite: HashSuite, verifier: any NoteVerifying) {
        guard let suite = suite(ofKey: verifierKey) else {
            throw LedgerError(
                .invalid_request,
                "the verifier key is not a key of any hash suite this build knows (\(names.joined(separator: ", "))); expected name+keyid+base64key as printed by `jiazhou info`"
            )
        }
        return (suite, try suite.verifier(verifierKey: verifierKey))
    }
}
