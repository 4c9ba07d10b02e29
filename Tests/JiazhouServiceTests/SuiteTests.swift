import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// A ledger of the `sm3-sm2` suite through the service: everything a default
/// ledger does, with SM3 hashes and SM2 checkpoints, and no mixing of suites.
@Suite struct SuiteTests {
    static func sm3() throws -> HashSuite { try SuiteCatalog.standard.suite(named: "sm3-sm2") }

    /// A file ledger of `sm3-sm2` with a few awards, over several commits.
    private func ledger() async throws -> TestLedger {
        let ledger = try await TestLedger.make(inFile: true, suite: try Self.sm3())
        for i in 0..<7 {
            _ = try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(1 + i % 3), activity: TestLedger.activity("s\(i)", minutes: 60 + Int64(i) * 15)),
                actor: TestLedger.root, key: nil)
        }
        return ledger
    }

    @Test func genesisNamesTheSuiteAndEveryHashIsSM3() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let suite = try Self.sm3()
        #expect(ledger.service.suite == suite)
        let genesis = try ledger.service.entry(EntryGetRequest(seq: 0), actor: TestLedger.root)
        #expect(genesis.entry["data"]?["suite"] == "sm3-sm2")
        #expect(ledger.service.verifierKey.hasPrefix("jiazhou.test/shizhong+"))
        #expect(ledger.service.verifierKey.contains("+/wYIKoEcz1UBg3UE"), "an SM2 verifier key")
        // Recompute the chain and the root from the entries, with SM3.
        let info = try ledger.service.info()
        var range = CompactRange(suite: suite)
        var previous = Hash.zero
        for seq in 0..<info.size {
            let got = try ledger.service.entry(EntryGetRequest(seq: seq), actor: TestLedger.root)
            let bytes = got.entry.canonicalBytes
            #expect(got.leafHash == suite.leafHash(bytes))
            #expect(got.leafHash != HashSuite.sha256Ed25519.leafHash(bytes))
            #expect(got.entry["prev"]?.stringValue == previous.hex)
            previous = got.leafHash
            range.append(got.leafHash)
        }
        #expect(range.root == info.root && previous == info.head)
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
        #expect(try LedgerService.verify(store: LedgerService.openStore(path: try #require(ledger.path), readonly: true), semantic: false).ok)
    }

    @Test func aReopenedLedgerKeepsItsSuiteAndGoesOn() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let before = try ledger.service.info()
        let reopened = try LedgerService.open(path: try #require(ledger.path), clock: ledger.clock)
        #expect(reopened.suite == (try Self.sm3()))
        #expect(try reopened.info() == before)
        _ = try await reopened.award(AwardRequest(volunteer: TestLedger.volunteer(4), activity: TestLedger.activity("r", scope: TestLedger.jiangbin)), actor: TestLedger.root, key: nil)
        #expect(try reopened.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }

    @Test func everyCheckpointIsAnSM2NoteOverAnSM3Root() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let suite = try Self.sm3()
        let view = try ledger.service.checkpoint(CheckpointGetRequest())
        let checkpoint = try Checkpoint.verified(note: view.note, by: suite.verifier(verifierKey: ledger.service.verifierKey))
        #expect(checkpoint.root == view.root && checkpoint.size == view.size)
        // Not an Ed25519 key, so no Ed25519 verifier can even be made from it.
        #expect(refusal { try NoteVerifier(verifierKey: ledger.service.verifierKey) } == .invalid_request)
        #expect(refusal { try HashSuite.sha256Ed25519.verifier(verifierKey: ledger.service.verifierKey) } == .invalid_request)
    }

    @Test func inclusionAndConsistencyProofsVerifyUnderSM3AndNotUnderSHA256() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let suite = try Self.sm3()
        let size = try ledger.service.info().size
        for seq in [0, 5, 13, size - 1] {
            let proof = try ledger.service.inclusionProof(InclusionProofRequest(seq: seq), actor: TestLedger.root)
            let entry = try ledger.service.entry(EntryGetRequest(seq: seq), actor: TestLedger.root)
            #expect(proof.leafHash == suite.leafHash(entry.entry.canonicalBytes))
            #expect(proof.proof.verifies(leafHash: proof.leafHash, root: proof.root, using: suite), "seq \(seq)")
            #expect(!proof.proof.verifies(leafHash: proof.leafHash, root: proof.root, using: .sha256Ed25519), "seq \(seq)")
        }
        let first = try ledger.service.inclusionProof(InclusionProofRequest(seq: 0, size: 11), actor: TestLedger.root).root
        let last = try ledger.service.info().root
        let consistency = try ledger.service.consistencyProof(ConsistencyProofRequest(from: 11, to: size), actor: TestLedger.root)
        #expect(consistency.proof.verifies(firstRoot: first, secondRoot: last, using: suite))
        #expect(!consistency.proof.verifies(firstRoot: first, secondRoot: last, using: .sha256Ed25519))
    }

    @Test func aStatementChecksWithTheSM2KeyAndIsRefusedWithAnEd25519One() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let statement = try ledger.service.statement(StatementRequest(volunteer: TestLedger.volunteer(1), withProfile: true), actor: TestLedger.root)
        #expect(statement.suite == "sm3-sm2")
        let report = StatementVerifier.verify(statement, verifierKey: ledger.service.verifierKey)
        #expect(report.ok, "\(report.problems)")
        let ed25519 = try NoteSigner(name: "jiazhou.test/shizhong", seed: [UInt8](repeating: 5, count: 32)).verifier.verifierKey
        let refused = StatementVerifier.verify(statement, verifierKey: ed25519)
        #expect(refused.problems == ["the statement is from a ledger of the hash suite sm3-sm2, but the verifier key is an Ed25519 key of the sha256-ed25519 suite"])
        // Claiming the other suite does not help: the SM2 key then disagrees.
        var relabelled = statement
        relabelled.suite = "sha256-ed25519"
        #expect(!StatementVerifier.verify(relabelled, verifierKey: ledger.service.verifierKey).ok)
    }

    @Test func tamperingIsCaughtUnderSM3() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let directory = try #require(ledger.directory)
        // A forger rewrites an award and recomputes every hash, with SM3: structurally sound, caught by the semantic check.
        var entries = try Forgery.entries(of: ledger.service)
        let award = try #require(entries.lastIndex { $0.kind == .award })
        let posting = entries[award].postings[0]
        entries[award].postings = [try Posting(from: posting.from, to: posting.to, points: posting.points * 10)]
        let forged = try Forgery.rechained(entries, at: directory + "/forged.sqlite", suite: try Self.sm3())
        #expect(forged.suite == (try Self.sm3()))
        #expect(try LedgerService.verify(store: forged, semantic: false).ok, "the forgery is structurally sound")
        let report = try LedgerService.verify(store: forged, semantic: true)
        #expect(report.problems.first?.seq == entries[award].seq, "\(report.problems)")
        // The same entries chained with SHA-256 under a genesis naming sm3-sm2: refused at the first prev.
        let error = #expect(throws: LedgerError.self) {
            _ = try Forgery.rechained(try Forgery.entries(of: ledger.service), at: directory + "/mixed.sqlite", suite: .sha256Ed25519)
        }
        #expect(error?.message == "line 2: prev is not the leaf hash of the line before")
        #expect(!FileManager.default.fileExists(atPath: directory + "/mixed.sqlite"))
    }

    @Test func exportAndImportArriveAtTheSameRootWithTheGenesisSuite() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let directory = try #require(ledger.directory), path = try #require(ledger.path)
        var lines: [Result<[UInt8], LedgerError>] = []
        try LedgerService.export(store: ledger.service.store) { lines.append(.success(Array($0.dropLast()))) }
        let info = try ledger.service.info()
        let copy = try LedgerService.importLedger(path: directory + "/copy.sqlite", keyPath: path + ".key", lines: lines)
        #expect(copy.root == info.root && copy.head == info.head && copy.size == info.size && copy.signed)
        let reopened = try LedgerService.open(path: directory + "/copy.sqlite")
        #expect(reopened.suite == (try Self.sm3()))
        #expect(try reopened.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }

    @Test func aKeyFileOfTheOtherSuiteIsRefusedClearly() async throws {
        let sm3 = try await ledger()
        defer { sm3.remove() }
        let sha = try await TestLedger.make(inFile: true)
        defer { sha.remove() }
        let sm3Path = try #require(sm3.path), shaPath = try #require(sha.path)
        let intoSM3 = #expect(throws: LedgerError.self) { try LedgerService.open(path: sm3Path, keyPath: shaPath + ".key") }
        #expect(intoSM3?.reason == .ledger_invalid)
        #expect(intoSM3?.message.hasPrefix("the key file holds an Ed25519 key of the sha256-ed25519 suite, but this ledger's hash suite is sm3-sm2") == true)
        let intoSHA = #expect(throws: LedgerError.self) { try LedgerService.open(path: shaPath, keyPath: sm3Path + ".key") }
        #expect(intoSHA?.message.hasPrefix("the key file holds an SM2 key of the sm3-sm2 suite, but this ledger's hash suite is sha256-ed25519") == true)
        // An import refuses it too, and leaves nothing behind.
        var lines: [Result<[UInt8], LedgerError>] = []
        try LedgerService.export(store: sm3.service.store) { lines.append(.success(Array($0.dropLast()))) }
        let directory = try #require(sm3.directory)
        #expect(refusal { try LedgerService.importLedger(path: directory + "/copy.sqlite", keyPath: shaPath + ".key", lines: lines) } == .ledger_invalid)
        #expect(!FileManager.default.fileExists(atPath: directory + "/copy.sqlite"))
    }

    @Test func aGenesisNamingASuiteThisBuildDoesNotKnowIsRefused() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A suite only a future build knows: SHA-256 under another name, as far as this test needs.
        let future = HashSuite(
            name: "sha3-mldsa", hashName: "SHA3-256", signatureName: "ML-DSA-44", tree: SHA256TreeHashing(), signatures: Ed25519Signatures())
        let made = try await LedgerService.initialize(
            path: directory + "/future.sqlite", setup: LedgerSetup(origin: "jiazhou.test/future", district: TestLedger.district, suite: future))
        #expect(made.suite == future)
        let error = #expect(throws: LedgerError.self) { try LedgerService.open(path: directory + "/future.sqlite") }
        #expect(error?.reason == .ledger_invalid)
        #expect(error?.message.contains("names the hash suite \"sha3-mldsa\", which this build of jiazhou cannot use") == true)
        #expect(refusal { try LedgerService.openStore(path: directory + "/future.sqlite", readonly: true) } == .ledger_invalid)
        var lines: [Result<[UInt8], LedgerError>] = []
        try LedgerService.export(store: made.store) { lines.append(.success(Array($0.dropLast()))) }
        let imported = #expect(throws: LedgerError.self) { try LedgerService.importLedger(path: directory + "/copy.sqlite", keyPath: nil, lines: lines) }
        #expect(imported?.message.hasPrefix("line 1: the genesis names the hash suite \"sha3-mldsa\"") == true)
    }

    @Test func anInMemoryLedgerOfEitherSuiteVerifies() async throws {
        for suite in SuiteCatalog.standard.suites {
            let ledger = try await TestLedger.make(suite: suite)
            _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
            #expect(ledger.service.suite == suite)
            #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok, "\(suite)")
        }
        #expect(SuiteCatalog.standard.names == ["sha256-ed25519", "sm3-sm2"])
    }
}
