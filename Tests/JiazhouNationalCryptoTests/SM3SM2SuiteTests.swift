import Foundation
import JiazhouCore
import JiazhouNationalCrypto
import Testing

/// The `sm3-sm2` suite as Core's ``HashSuite``: its tree against sm.json's
/// SM3 trees and chain, its keys, and its refusal of the other suite's.
@Suite("the sm3-sm2 HashSuite")
struct SM3SM2SuiteTests {
    static func suite() throws -> HashSuite { try HashSuite.sm3SM2() }

    @Test func itIsNamedAndHashesWithSM3() throws {
        let suite = try Self.suite()
        #expect(suite.name == "sm3-sm2")
        #expect(suite.hashName == "SM3" && suite.signatureName == "SM2")
        #expect(suite != .sha256Ed25519)
        #expect(suite.emptyRoot.hex == "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b")
        #expect(CompactRange(suite: suite).root == suite.emptyRoot)
        let bytes = Array("abc".utf8)
        #expect(suite.leafHash(bytes) == (try SM3.leafHash(bytes)))
        #expect(suite.leafHash(bytes) != HashSuite.sha256Ed25519.leafHash(bytes))
        let (a, b) = (suite.leafHash([0x00]), suite.leafHash([0x01]))
        #expect(suite.nodeHash(a, b) == (try SM3.nodeHash(a, b)))
    }

    @Test func theCompactRangeGivesTheSM3RootsOfTheTestLeaves() throws {
        let suite = try Self.suite()
        let vectors = try SMVectors.load().sm3Merkle
        var range = CompactRange(suite: suite)
        #expect(range.root.hex == vectors.roots[0].root)
        for (i, leaf) in vectors.leavesHex.enumerated() {
            #expect(suite.leafHash(bytes(hex: leaf)).hex == vectors.leafHashes[i])
            range.append(suite.leafHash(bytes(hex: leaf)))
            #expect(range.root.hex == vectors.roots[i + 1].root, "size \(i + 1)")
        }
    }

    @Test func theCompactRangeGivesTheSM3RootsOfTheGeneratedLeavesUpTo70() throws {
        let suite = try Self.suite()
        let roots = try SMVectors.load().sm3Merkle.generatedLeaves.roots
        try #require(roots.map(\.size) == Array(0...70))
        var range = CompactRange(suite: suite)
        #expect(range.root.hex == roots[0].root)
        for i in 0..<70 {
            range.append(suite.leafHash(Array(String(i).utf8)))
            #expect(range.root.hex == roots[i + 1].root, "size \(i + 1)")
        }
    }

    @Test func everySM3InclusionProofVerifiesUnderSM3AndFailsUnderSHA256() throws {
        let suite = try Self.suite()
        let merkle = try SMVectors.load().sm3Merkle
        let all = merkle.inclusionProofs + merkle.generatedLeaves.inclusionProofs
        try #require(all.count == 36 + 8)
        for vector in all {
            let proof = Proof.Inclusion(index: vector.leafIndex, size: vector.treeSize, path: try vector.path.map(Self.hash))
            let (leaf, root) = (try Self.hash(vector.leafHash), try Self.hash(vector.root))
            #expect(proof.verifies(leafHash: leaf, root: root, using: suite), "\(vector.testDescription)")
            if !proof.path.isEmpty {
                #expect(!proof.verifies(leafHash: leaf, root: root, using: .sha256Ed25519), "\(vector.testDescription)")
            }
        }
        // Made from the tree, the proofs are the vectors'.
        let leaves = (0..<70).map { suite.leafHash(Array(String($0).utf8)) }
        for vector in merkle.generatedLeaves.inclusionProofs {
            let made = Proof.inclusion(index: vector.leafIndex, size: vector.treeSize) { Self.root(Array(leaves[Int($0)..<Int($1)]), suite) }
            #expect(made.path.map(\.hex) == vector.path)
        }
    }

    @Test func everySM3ConsistencyProofVerifiesUnderSM3AndFailsUnderSHA256() throws {
        let suite = try Self.suite()
        let merkle = try SMVectors.load().sm3Merkle
        for vector in merkle.consistencyProofs + merkle.generatedLeaves.consistencyProofs {
            let proof = Proof.Consistency(from: vector.firstSize, to: vector.secondSize, path: try vector.proof.map(Self.hash))
            let (first, second) = (try Self.hash(vector.firstRoot), try Self.hash(vector.secondRoot))
            #expect(proof.verifies(firstRoot: first, secondRoot: second, using: suite), "\(vector.testDescription)")
            if proof.path.count > 1 {
                #expect(!proof.verifies(firstRoot: first, secondRoot: second, using: .sha256Ed25519), "\(vector.testDescription)")
            }
        }
    }

    // MARK: sm3_chain: a small sm3-sm2 ledger

    @Test func theChainsEntriesSealToTheirSM3LeafHashesAndPrevLinks() throws {
        let suite = try Self.suite()
        let chain = try SMVectors.load().sm3Chain
        try #require(chain.entries.count == 8)
        var previous = Hash.zero
        for item in chain.entries {
            let sealed = try Entry.unseal(Array(item.canonical.utf8), using: suite)
            #expect(sealed.leafHash.hex == item.leafHash)
            #expect(sealed.entry.prev == previous, "seq \(sealed.entry.seq)")
            #expect(sealed.entry.sealed(using: suite) == sealed)
            #expect(try Entry.unseal(Array(item.canonical.utf8), using: .sha256Ed25519).leafHash != sealed.leafHash)
            previous = sealed.leafHash
        }
        let genesis = try Entry(canonicalBytes: Array(chain.entries[0].canonical.utf8))
        #expect(genesis.data["suite"]?.stringValue == "sm3-sm2")
        #expect(genesis.data["verifier_key"]?.stringValue == chain.verifierKey)
    }

    @Test func theChainsRootsAndItsSM2CheckpointVerify() throws {
        let suite = try Self.suite()
        let chain = try SMVectors.load().sm3Chain
        var range = CompactRange(suite: suite)
        for (item, expected) in zip(chain.entries, chain.roots) {
            range.append(try Entry.unseal(Array(item.canonical.utf8), using: suite).leafHash)
            #expect(range.root.hex == expected.root, "size \(expected.size)")
            #expect(Data(range.root.bytes).base64EncodedString() == expected.rootBase64)
        }
        let verifier = try suite.verifier(verifierKey: chain.verifierKey)
        let checkpoint = try Checkpoint.verified(note: chain.checkpoint.note, by: verifier)
        #expect(checkpoint.size == 8 && checkpoint.root == range.root && checkpoint.origin == chain.origin)
        // The other suite can neither read the key nor accept the note.
        #expect(throws: LedgerError.self) { try HashSuite.sha256Ed25519.verifier(verifierKey: chain.verifierKey) }
    }

    // MARK: Keys

    @Test func aGeneratedSignerRoundTripsThroughItsKeyFileText() throws {
        let suite = try Self.suite()
        var draws = 0
        let signer = try suite.generateSigner(name: "jiazhou.test/shizhong") { count in
            draws += 1
            // The first draw is n − 1, out of range: the key is drawn again.
            return draws == 1 ? Array(SM2.order.dropLast()) + [SM2.order[31] - 1] : [UInt8](repeating: 0x42, count: count)
        }
        #expect(draws == 2)
        #expect(signer.signerKey.hasPrefix("PRIVATE+KEY+jiazhou.test/shizhong+"))
        #expect(signer.verifier.verifierKey.contains("+/wYIKoEcz1UBg3UE"))
        #expect(suite.isKind(ofKey: signer.signerKey) && suite.isKind(ofKey: signer.verifier.verifierKey))
        #expect(!HashSuite.sha256Ed25519.isKind(ofKey: signer.signerKey))
        let again = try suite.signer(signerKey: signer.signerKey + "\n")
        #expect(again.verifier.verifierKey == signer.verifier.verifierKey)
        let body = Checkpoint(origin: signer.name, size: 3, root: suite.emptyRoot).body
        let note = try signer.signNote(body)
        #expect(try Checkpoint.verified(note: note, by: again.verifier).size == 3)
    }

    @Test func eachSuiteRefusesTheOthersKeys() throws {
        let suite = try Self.suite()
        let ed25519 = try HashSuite.sha256Ed25519.generateSigner(name: "jiazhou.test/shizhong") { [UInt8](repeating: 7, count: $0) }
        let sm2 = try suite.generateSigner(name: "jiazhou.test/shizhong") { [UInt8](repeating: 7, count: $0) }
        #expect(throws: LedgerError.self) { try suite.signer(signerKey: ed25519.signerKey) }
        #expect(throws: LedgerError.self) { try suite.verifier(verifierKey: ed25519.verifier.verifierKey) }
        #expect(throws: LedgerError.self) { try HashSuite.sha256Ed25519.signer(signerKey: sm2.signerKey) }
        #expect(throws: LedgerError.self) { try HashSuite.sha256Ed25519.verifier(verifierKey: sm2.verifier.verifierKey) }
        // An SM2 note under the same name is not an Ed25519 signature, and says why it may be.
        let note = try sm2.signNote(Checkpoint(origin: sm2.name, size: 1, root: suite.emptyRoot).body)
        let error = #expect(throws: LedgerError.self) { try Checkpoint.verified(note: note, by: ed25519.verifier) }
        #expect(error?.message.contains("another key of that name") == true)
    }

    @Test func aCatalogResolvesBothSuitesByNameAndByKey() throws {
        let suite = try Self.suite()
        let catalog = SuiteCatalog([.sha256Ed25519, suite])
        #expect(catalog.names == ["sha256-ed25519", "sm3-sm2"])
        #expect(try catalog.suite(named: "sm3-sm2") == suite)
        let chain = try SMVectors.load().sm3Chain
        let (found, verifier) = try catalog.verifier(verifierKey: chain.verifierKey)
        #expect(found == suite && verifier.verifierKey == chain.verifierKey)
        let error = #expect(throws: LedgerError.self) { try catalog.suite(named: "sm3-ecdsa") }
        #expect(error?.message.contains("sha256-ed25519 and sm3-sm2") == true)
        #expect(SuiteCatalog.builtIn.suite(ofKey: chain.verifierKey) == nil)
    }

    static func hash(_ hex: String) throws -> Hash { try #require(Hash(bytes: bytes(hex: hex))) }

    /// MTH of RFC 9162 §2.1.1 under `suite`, folded directly.
    static func root(_ leaves: [Hash], _ suite: HashSuite) -> Hash {
        switch leaves.count {
        case 0: return suite.emptyRoot
        case 1: return leaves[0]
        default:
            var k = 1
            while k * 2 < leaves.count { k *= 2 }
            return suite.nodeHash(root(Array(leaves[..<k]), suite), root(Array(leaves[k...]), suite))
        }
    }
}
