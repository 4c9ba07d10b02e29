import Foundation
import GRDB
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `--suite sm3-sm2` through the real binary: init, info, verify, prove and
/// verify-proof, statement, audit, export and import; a key or a proof of
/// the other suite refused with a clear message.
@Suite struct SuiteCommandTests {
    static let sm2KeyPrefix = "+/wYIKoEcz1UBg3UE"

    @Test func initWithTheNationalSuiteMakesAnSM2KeyAndAVerifiedLedger() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let created = try CommandRunner.run(["init", "--origin", "jiazhou.test/sm", "--suite", "sm3-sm2"], directory: directory)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("hash suite: sm3-sm2 (SM3 hashes, SM2 checkpoint signatures)"))
        #expect(created.stdout.contains("verifier key: jiazhou.test/sm+"))
        #expect(created.stdout.contains(Self.sm2KeyPrefix))
        let key = try String(contentsOfFile: directory + "/jiazhou.sqlite.key", encoding: .utf8)
        #expect(key.hasPrefix("PRIVATE+KEY+jiazhou.test/sm+") && key.contains("+/wYIKoEcz1UBg3"))
        let info = try CommandRunner.run(["info"], directory: directory)
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("suite:        sm3-sm2 (SM3, SM2)"))
        #expect(info.stdout.contains("size:         5"))
        let verified = try CommandRunner.run(["verify"], directory: directory)
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.hasPrefix("ok: 5 entries"))
        let checkpoint = try CommandRunner.run(["checkpoint"], directory: directory)
        #expect(checkpoint.stdout.hasPrefix("jiazhou.test/sm\n5\n"))
    }

    @Test func theDefaultSuiteIsStillTheDefaultAndAnUnknownOneIsAClearError() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let unknown = try CommandRunner.run(["init", "--suite", "sm3-ecdsa"], directory: directory)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown hash suite \"sm3-ecdsa\"; this build of jiazhou knows sha256-ed25519 and sm3-sm2 [invalid_request]"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/jiazhou.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/jiazhou.sqlite.key"))
        let created = try CommandRunner.run(["init"], directory: directory)
        #expect(created.stdout.contains("hash suite: sha256-ed25519 (SHA-256 hashes, Ed25519 checkpoint signatures)"))
        #expect(try CommandRunner.run(["info"], directory: directory).stdout.contains("suite:        sha256-ed25519 (SHA-256, Ed25519)"))
    }

    /// A file ledger of `sm3-sm2` with awards, made in process, then used through the binary.
    private func ledger() async throws -> TestLedger {
        let ledger = try await TestLedger.make(inFile: true, suite: try SuiteCatalog.standard.suite(named: "sm3-sm2"))
        for i in 0..<6 {
            _ = try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(1 + i % 2), activity: TestLedger.activity("a\(i)", category: "home_visit")),
                actor: TestLedger.root, key: nil)
        }
        return ledger
    }

    @Test func aProofOfAnSM3LedgerChecksWithItsKeyAndNotWithAnother() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let path = try #require(ledger.path), directory = try #require(ledger.directory)
        let key = ledger.service.verifierKey
        let proved = try CommandRunner.run(["prove", "--db", path, "20"])
        #expect(proved.status == 0, "\(proved.stderr)")
        #expect(proved.stdout.contains("\"suite\" : \"sm3-sm2\""))
        try Data(proved.stdout.utf8).write(to: URL(fileURLWithPath: directory + "/proof.json"))
        let checked = try CommandRunner.run(["verify-proof", directory + "/proof.json", "--key", key])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.hasPrefix("ok: entry 20 (award) is in jiazhou.test/shizhong"))
        #expect(checked.stdout.hasSuffix("(sm3-sm2)\n"))

        // An Ed25519 key (another ledger's, of the default suite) is refused, saying why.
        let other = try await TestLedger.make(inFile: true)
        defer { other.remove() }
        let wrongSuite = try CommandRunner.run(["verify-proof", directory + "/proof.json", "--key", other.service.verifierKey])
        #expect(wrongSuite.status == 1)
        #expect(wrongSuite.stderr.contains("the proof is from a ledger of the hash suite sm3-sm2, but the verifier key is an Ed25519 key of the sha256-ed25519 suite"))
        // Relabelled as SHA-256, it fails the other way round.
        let relabelled = proved.stdout.replacingOccurrences(of: "\"suite\" : \"sm3-sm2\"", with: "\"suite\" : \"sha256-ed25519\"")
        try Data(relabelled.utf8).write(to: URL(fileURLWithPath: directory + "/relabelled.json"))
        #expect(try CommandRunner.run(["verify-proof", directory + "/relabelled.json", "--key", key]).status == 1)
        // A default proof checked with the SM2 key: refused too.
        let otherProof = try CommandRunner.run(["prove", "--db", try #require(other.path), "3"])
        try Data(otherProof.stdout.utf8).write(to: URL(fileURLWithPath: directory + "/other.json"))
        let crossed = try CommandRunner.run(["verify-proof", directory + "/other.json", "--key", key])
        #expect(crossed.status == 1)
        #expect(crossed.stderr.contains("hash suite sha256-ed25519, but the verifier key is an SM2 key of the sm3-sm2 suite"))
        // A changed entry fails under SM3 as under SHA-256.
        let edited = proved.stdout.replacingOccurrences(of: "\\\"points\\\":", with: "\\\"points\\\":1")
        #expect(edited != proved.stdout)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: directory + "/edited.json"))
        let tampered = try CommandRunner.run(["verify-proof", directory + "/edited.json", "--key", key])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("FAILED: the entry's bytes do not hash to the proof's leaf hash"))
    }

    @Test func statementAuditExportAndImportWorkForTheNationalSuite() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let path = try #require(ledger.path), directory = try #require(ledger.directory)
        let key = ledger.service.verifierKey

        let statement = try CommandRunner.run(["statement", "--db", path, "volunteer:V000001"])
        #expect(statement.status == 0, "\(statement.stderr)")
        try Data(statement.stdout.utf8).write(to: URL(fileURLWithPath: directory + "/statement.json"))
        let checked = try CommandRunner.run(["verify-statement", directory + "/statement.json", "--key", key])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("ok: volunteer:V000001: 4 entries proven"))

        try Data(try ledger.service.checkpoint(CheckpointGetRequest()).note.utf8).write(to: URL(fileURLWithPath: directory + "/seen.txt"))
        _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(3), activity: TestLedger.activity("b")), actor: TestLedger.root, key: nil)
        let audit = try CommandRunner.run(["audit", "--db", path, "--from", directory + "/seen.txt", "--verifier-key", key])
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
        #expect(audit.stdout.contains("ok: the log only grew, from 24 to 25 entries"))

        let export = try CommandRunner.run(["export", "--db", path])
        #expect(export.status == 0, "\(export.stderr)")
        let imported = try CommandRunner.run(["import", "--db", directory + "/copy.sqlite", "--from-key", path + ".key"], stdin: Data(export.stdout.utf8))
        #expect(imported.status == 0, "\(imported.stderr)")
        let info = try ledger.service.info()
        #expect(imported.stdout.contains("root: \(info.root.hex)"))
        #expect(imported.stdout.contains("head: \(info.head.hex)"))
        let copy = try CommandRunner.run(["info", "--db", directory + "/copy.sqlite"])
        #expect(copy.stdout.contains("suite:        sm3-sm2"))
        #expect(copy.stdout.contains("verifier key: \(key)"))
        #expect(try CommandRunner.run(["verify", "--db", directory + "/copy.sqlite"]).status == 0)
    }

    @Test func aKeyFileOfTheOtherSuiteIsRefusedWithoutACrash() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let path = try #require(ledger.path), directory = try #require(ledger.directory)
        let ed25519 = try NoteSigner(name: "jiazhou.test/shizhong", seed: [UInt8](repeating: 2, count: 32))
        try Data((ed25519.signerKey + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/ed25519.key"))
        let outcome = try CommandRunner.run(["balance", "--db", path, "--key", directory + "/ed25519.key", "volunteer:V000001"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("the key file holds an Ed25519 key of the sha256-ed25519 suite, but this ledger's hash suite is sm3-sm2"))
        #expect(outcome.stderr.contains("[ledger_invalid]"))
    }

    @Test func oneChangedByteInAnSM3LedgerIsCaught() async throws {
        let ledger = try await ledger()
        defer { ledger.remove() }
        let path = try #require(ledger.path)
        try Self.tamper(path) { db in
            var bytes = [UInt8](try Data.fetchOne(db, sql: "SELECT bytes FROM entries WHERE seq = 19")!)
            let points = Array("\"points\":".utf8)
            let at = try #require((0..<bytes.count - points.count).first { Array(bytes[$0..<$0 + points.count]) == points })
            bytes[at + points.count] = bytes[at + points.count] == UInt8(ascii: "9") ? UInt8(ascii: "8") : UInt8(ascii: "9")
            try db.execute(sql: "UPDATE entries SET bytes = ? WHERE seq = 19", arguments: [Data(bytes)])
        }
        let outcome = try CommandRunner.run(["verify", "--db", path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("entry 19: stored leaf hash does not match"))
    }

    private static func tamper(_ path: String, _ edit: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write(edit)
        try queue.close()
    }
}
