import JiazhouCore
import Testing

/// ``HashSuite``: the default suite is SHA-256 and Ed25519, another suite's
/// tree goes through ``TreeHashing``, and a catalog names what it knows.
@Suite("HashSuite and SuiteCatalog")
struct HashSuiteTests {
    /// A tree whose hash is SHA-256 of the input reversed: not a real suite,
    /// only different from SHA-256 in a way a test can compute.
    struct ReversedSHA256: TreeHashing {
        func leafHash(_ bytes: [UInt8]) -> Hash { TreeHasher.sha256(([0x00] + bytes).reversed()) }
        func nodeHash(_ left: Hash, _ right: Hash) -> Hash { TreeHasher.sha256(([0x01] + left.bytes + right.bytes).reversed()) }
        var emptyRoot: Hash { TreeHasher.sha256([UInt8]()) }
    }

    static let reversed = HashSuite(
        name: "reversed-ed25519", hashName: "reversed SHA-256", signatureName: "Ed25519", tree: ReversedSHA256(), signatures: Ed25519Signatures())

    @Test func theDefaultSuiteIsTreeHashersSHA256() throws {
        let suite = HashSuite.sha256Ed25519
        #expect(suite.name == "sha256-ed25519" && suite.hashName == "SHA-256" && suite.signatureName == "Ed25519")
        #expect(suite.emptyRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let leaves = (0..<70).map { Array(String($0).utf8) }
        for leaf in leaves { #expect(suite.leafHash(leaf) == TreeHasher.leafHash(leaf)) }
        // Behind the protocol, SHA-256 gives the same tree as the direct path.
        let behind = HashSuite(name: "sha256-again", hashName: "SHA-256", signatureName: "Ed25519", tree: SHA256TreeHashing(), signatures: Ed25519Signatures())
        var direct = CompactRange(suite: suite)
        var viaProtocol = CompactRange(suite: behind)
        for leaf in leaves {
            direct.append(suite.leafHash(leaf))
            viaProtocol.append(behind.leafHash(leaf))
            #expect(direct.root == viaProtocol.root)
        }
        #expect(direct != viaProtocol, "ranges of two suites differ even with equal hashes")
    }

    @Test func anotherSuitesTreeIsUsedForEveryHashAndProof() throws {
        let suite = Self.reversed
        let leaves = (0..<13).map { suite.leafHash(Array(String($0).utf8)) }
        #expect(leaves[0] == ReversedSHA256().leafHash(Array("0".utf8)))
        #expect(leaves[0] != TreeHasher.leafHash(Array("0".utf8)))
        var range = CompactRange(suite: suite)
        for leaf in leaves { range.append(leaf) }
        func mth(_ slice: ArraySlice<Hash>) -> Hash {
            if slice.count == 1 { return slice.first! }
            var k = 1
            while k * 2 < slice.count { k *= 2 }
            return ReversedSHA256().nodeHash(mth(slice.prefix(k)), mth(slice.dropFirst(k)))
        }
        #expect(range.root == mth(leaves[...]))
        let proof = Proof.inclusion(index: 5, size: 13) { mth(leaves[Int($0)..<Int($1)]) }
        #expect(proof.verifies(leafHash: leaves[5], root: range.root, using: suite))
        #expect(!proof.verifies(leafHash: leaves[5], root: range.root, using: .sha256Ed25519))
        let consistency = Proof.consistency(from: 6, to: 13) { mth(leaves[Int($0)..<Int($1)]) }
        #expect(consistency.verifies(firstRoot: mth(leaves[..<6]), secondRoot: range.root, using: suite))
        #expect(!consistency.verifies(firstRoot: mth(leaves[..<6]), secondRoot: range.root, using: .sha256Ed25519))
    }

    @Test func ed25519KeysRoundTripAndAreRecognisedByKind() throws {
        let suite = HashSuite.sha256Ed25519
        let signer = try suite.generateSigner(name: "jiazhou.test/x") { [UInt8](repeating: 3, count: $0) }
        #expect(signer.signerKey == (try NoteSigner(name: "jiazhou.test/x", seed: [UInt8](repeating: 3, count: 32))).signerKey)
        #expect(suite.isKind(ofKey: signer.signerKey) && suite.isKind(ofKey: signer.verifier.verifierKey))
        #expect(!suite.isKind(ofKey: "not a key") && !suite.isKind(ofKey: "a+b+!!!"))
        let again = try suite.signer(signerKey: signer.signerKey)
        let note = try again.signNote(Checkpoint(origin: "jiazhou.test/x", size: 0, root: suite.emptyRoot).body)
        #expect(try Checkpoint.verified(note: note, by: suite.verifier(verifierKey: signer.verifier.verifierKey)).size == 0)
    }

    @Test func aCatalogRefusesAnUnknownNameAndExplainsAnUnavailableOne() throws {
        let catalog = SuiteCatalog([.sha256Ed25519], unavailable: [("sm3-sm2", LedgerError(.invalid_request, "no SM3 here"))])
        #expect(catalog.names == ["sha256-ed25519", "sm3-sm2"])
        #expect(catalog.suites == [.sha256Ed25519])
        #expect(try catalog.suite(named: "sha256-ed25519") == .sha256Ed25519)
        let unknown = #expect(throws: LedgerError.self) { try catalog.suite(named: "md5-rsa") }
        #expect(unknown?.reason == .invalid_request)
        #expect(unknown?.message == "unknown hash suite \"md5-rsa\"; this build of jiazhou knows sha256-ed25519 and sm3-sm2")
        let unavailable = #expect(throws: LedgerError.self) { try catalog.suite(named: "sm3-sm2") }
        #expect(unavailable?.message == "no SM3 here")
        #expect(SuiteCatalog.builtIn.names == ["sha256-ed25519"])
        let key = try NoteSigner(name: "x", seed: [UInt8](repeating: 1, count: 32)).verifier.verifierKey
        #expect(catalog.suite(ofKey: key) == .sha256Ed25519)
        #expect(throws: LedgerError.self) { try catalog.verifier(verifierKey: "x+00000000+/wYIKoEcz1UBg3UE") }
    }
}
