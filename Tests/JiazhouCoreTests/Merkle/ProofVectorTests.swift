import JiazhouCore
import Testing

/// RFC 9162 proofs against the published RFC 6962 test-leaf proofs and the
/// computed ones of `Ledger/vectors/merkle.json`, and against tampering.
struct ProofVectors: Decodable, Sendable {
    struct Inclusion: Decodable, Sendable {
        var leafIndex: Int64
        var treeSize: Int64
        var path: [String]
        var leafHash: String?
        var root: String?
    }

    struct Consistency: Decodable, Sendable {
        var firstSize: Int64
        var secondSize: Int64
        var proof: [String]
        var firstRoot: String?
        var secondRoot: String?
    }

    struct Set: Decodable, Sendable {
        var inclusionProofs: [Inclusion]
        var consistencyProofs: [Consistency]
        var publishedInclusionProofs: [Inclusion]?
        var publishedConsistencyProofs: [Consistency]?
    }

    var rfc6962TestLeaves: Set
    var generatedLeaves: Set

    static func load() throws -> Self { try Vectors.load("merkle.json") }
}

/// MTH(D[lo:hi]) by the RFC's own recursion, over leaf hashes in memory.
func referenceRangeHash(_ leaves: [Hash], _ lo: Int64, _ hi: Int64) -> Hash {
    if hi - lo == 1 { return leaves[Int(lo)] }
    var k: Int64 = 1
    while k * 2 < hi - lo { k *= 2 }
    return TreeHasher.nodeHash(referenceRangeHash(leaves, lo, lo + k), referenceRangeHash(leaves, lo + k, hi))
}

@Suite("merkle.json proofs")
struct ProofVectorTests {
    static let testLeaves: [Hash] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map { TreeHasher.leafHash(bytes(hex: $0)) }
    static let generatedLeaves: [Hash] = (0..<70).map { TreeHasher.leafHash(Array(String($0).utf8)) }

    private func check(_ vectors: [ProofVectors.Inclusion], leaves: [Hash]) throws {
        for vector in vectors {
            let made = Proof.inclusion(index: vector.leafIndex, size: vector.treeSize) { referenceRangeHash(leaves, $0, $1) }
            #expect(made.path.map(\.hex) == vector.path, "index \(vector.leafIndex) size \(vector.treeSize)")
            let root = referenceRangeHash(leaves, 0, vector.treeSize)
            if let expected = vector.root { #expect(root.hex == expected) }
            #expect(made.verifies(leafHash: leaves[Int(vector.leafIndex)], root: root, using: .sha256Ed25519))
        }
    }

    private func check(_ vectors: [ProofVectors.Consistency], leaves: [Hash]) throws {
        for vector in vectors {
            let made = Proof.consistency(from: vector.firstSize, to: vector.secondSize) { referenceRangeHash(leaves, $0, $1) }
            #expect(made.path.map(\.hex) == vector.proof, "\(vector.firstSize) → \(vector.secondSize)")
            let first = referenceRangeHash(leaves, 0, vector.firstSize), second = referenceRangeHash(leaves, 0, vector.secondSize)
            #expect(made.verifies(firstRoot: first, secondRoot: second, using: .sha256Ed25519))
        }
    }

    @Test func inclusionProofsMatchThePublishedAndComputedVectors() throws {
        let vectors = try ProofVectors.load()
        try check(vectors.rfc6962TestLeaves.publishedInclusionProofs ?? [], leaves: Self.testLeaves)
        try check(vectors.rfc6962TestLeaves.inclusionProofs, leaves: Self.testLeaves)
        try check(vectors.generatedLeaves.inclusionProofs, leaves: Self.generatedLeaves)
        #expect(vectors.rfc6962TestLeaves.inclusionProofs.count >= 36)
    }

    @Test func consistencyProofsMatchThePublishedAndComputedVectors() throws {
        let vectors = try ProofVectors.load()
        try check(vectors.rfc6962TestLeaves.publishedConsistencyProofs ?? [], leaves: Self.testLeaves)
        try check(vectors.rfc6962TestLeaves.consistencyProofs, leaves: Self.testLeaves)
        try check(vectors.generatedLeaves.consistencyProofs, leaves: Self.generatedLeaves)
    }

    @Test func aTamperedInclusionProofFails() {
        let leaves = Self.generatedLeaves
        let root = referenceRangeHash(leaves, 0, 70)
        let proof = Proof.inclusion(index: 37, size: 70) { referenceRangeHash(leaves, $0, $1) }
        #expect(proof.verifies(leafHash: leaves[37], root: root, using: .sha256Ed25519))
        var flipped = proof
        var bytes = flipped.path[2].bytes
        bytes[5] ^= 0x01
        flipped.path[2] = Hash(bytes: bytes)!
        #expect(!flipped.verifies(leafHash: leaves[37], root: root, using: .sha256Ed25519))
        var missing = proof
        missing.path.removeLast()
        #expect(!missing.verifies(leafHash: leaves[37], root: root, using: .sha256Ed25519))
        var extra = proof
        extra.path.append(root)
        #expect(!extra.verifies(leafHash: leaves[37], root: root, using: .sha256Ed25519))
        #expect(!Proof.Inclusion(index: 36, size: 70, path: proof.path).verifies(leafHash: leaves[37], root: root, using: .sha256Ed25519))
        #expect(!Proof.Inclusion(index: 37, size: 40, path: proof.path).verifies(leafHash: leaves[37], root: root, using: .sha256Ed25519))
        #expect(!Proof.Inclusion(index: 70, size: 70, path: proof.path).verifies(leafHash: leaves[37], root: root, using: .sha256Ed25519))
        #expect(!proof.verifies(leafHash: leaves[38], root: root, using: .sha256Ed25519))
    }

    @Test func aTamperedConsistencyProofFails() {
        let leaves = Self.generatedLeaves
        let (first, second) = (referenceRangeHash(leaves, 0, 23), referenceRangeHash(leaves, 0, 70))
        let proof = Proof.consistency(from: 23, to: 70) { referenceRangeHash(leaves, $0, $1) }
        #expect(proof.verifies(firstRoot: first, secondRoot: second, using: .sha256Ed25519))
        var flipped = proof
        var bytes = flipped.path[0].bytes
        bytes[0] ^= 0x80
        flipped.path[0] = Hash(bytes: bytes)!
        #expect(!flipped.verifies(firstRoot: first, secondRoot: second, using: .sha256Ed25519))
        var missing = proof
        missing.path.removeLast()
        #expect(!missing.verifies(firstRoot: first, secondRoot: second, using: .sha256Ed25519))
        #expect(!Proof.Consistency(from: 24, to: 70, path: proof.path).verifies(firstRoot: first, secondRoot: second, using: .sha256Ed25519))
        #expect(!Proof.Consistency(from: 23, to: 70, path: []).verifies(firstRoot: first, secondRoot: second, using: .sha256Ed25519))
        #expect(!Proof.Consistency(from: 0, to: 70, path: proof.path).verifies(firstRoot: first, secondRoot: second, using: .sha256Ed25519))
        #expect(!proof.verifies(firstRoot: referenceRangeHash(leaves, 0, 22), secondRoot: second, using: .sha256Ed25519))
        #expect(Proof.Consistency(from: 70, to: 70, path: []).verifies(firstRoot: second, secondRoot: second, using: .sha256Ed25519))
    }

    @Test func proofsAboutAnEmptyTreeSayNo() {
        let leaf = Self.testLeaves[0]
        #expect(!Proof.Inclusion(index: 0, size: 0, path: []).verifies(leafHash: leaf, root: TreeHasher.emptyRoot, using: .sha256Ed25519))
        #expect(!Proof.Consistency(from: 0, to: 0, path: []).verifies(firstRoot: TreeHasher.emptyRoot, secondRoot: TreeHasher.emptyRoot, using: .sha256Ed25519))
        #expect(!Proof.Consistency(from: 0, to: 1, path: []).verifies(firstRoot: TreeHasher.emptyRoot, secondRoot: leaf, using: .sha256Ed25519))
        // A tree of one leaf: its root is the leaf, and the proof is empty.
        #expect(Proof.Inclusion(index: 0, size: 1, path: []).verifies(leafHash: leaf, root: leaf, using: .sha256Ed25519))
        #expect(!Proof.Inclusion(index: 0, size: 1, path: [leaf]).verifies(leafHash: leaf, root: leaf, using: .sha256Ed25519))
    }

    @Test func everyProofOfEveryIndexAndSizeUpToSeventyVerifies() {
        let leaves = Self.generatedLeaves
        for size in Int64(1)...70 {
            let root = referenceRangeHash(leaves, 0, size)
            for index in 0..<size {
                #expect(Proof.inclusion(index: index, size: size) { referenceRangeHash(leaves, $0, $1) }.verifies(leafHash: leaves[Int(index)], root: root, using: .sha256Ed25519))
            }
            for from in Int64(1)...size {
                let proof = Proof.consistency(from: from, to: size) { referenceRangeHash(leaves, $0, $1) }
                #expect(proof.verifies(firstRoot: referenceRangeHash(leaves, 0, from), secondRoot: root, using: .sha256Ed25519), "\(from) → \(size)")
            }
        }
    }
}
