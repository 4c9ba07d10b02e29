import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

@Suite struct PersistenceTests {
    @Test func aReopenedLedgerHasTheSameHeadAndGoesOn() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        let before = try ledger.service.info()
        let reopened = try LedgerService.open(path: try #require(ledger.path))
        #expect(try reopened.info() == before)
        let next = try await reopened.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity("b")), actor: TestLedger.root, key: nil)
        #expect(next.seq == before.size)
        #expect(try reopened.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }

    @Test func theKeyFileIsReadableByItsOwnerOnly() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let attributes = try FileManager.default.attributesOfItem(atPath: try #require(ledger.path) + ".key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func anotherLedgersKeyIsRefused() async throws {
        let a = try await TestLedger.make(inFile: true)
        defer { a.remove() }
        let b = try await LedgerService.initialize(
            path: try #require(a.directory) + "/other.sqlite", setup: LedgerSetup(origin: "jiazhou.test/other", district: TestLedger.district))
        _ = b
        let reason = refusal { try LedgerService.open(path: try #require(a.path), keyPath: a.directory! + "/other.sqlite.key") }
        #expect(reason == .ledger_invalid)
    }

    @Test func aMissingKeyOrAMissingLedgerOrAForeignFileIsRefusedClearly() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let directory = try #require(ledger.directory)
        #expect(refusal { try LedgerService.open(path: directory + "/nothing.sqlite") } == .ledger_invalid)
        #expect(refusal { try LedgerService.open(path: try #require(ledger.path), keyPath: directory + "/no.key") } == .ledger_invalid)
        _ = FileManager.default.createFile(atPath: directory + "/notes.txt", contents: Data("这不是账本 — not a ledger\n".utf8))
        #expect(refusal { try LedgerService.open(path: directory + "/notes.txt") } == .ledger_invalid)
        _ = FileManager.default.createFile(atPath: directory + "/garbage.key", contents: Data("PRIVATE+KEY+x+00000000+AAAA\n".utf8))
        #expect(refusal { try LedgerService.open(path: try #require(ledger.path), keyPath: directory + "/garbage.key") } == .ledger_invalid)
    }

    @Test func initRefusesToOverwriteAnExistingFile() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let reason = await refusal {
            try await LedgerService.initialize(path: try #require(ledger.path), setup: LedgerSetup(origin: "x", district: TestLedger.district))
        }
        #expect(reason == .ledger_invalid)
    }

    @Test func aReadOnlyLedgerRefusesWritesWithAClearReason() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let readonly = try LedgerService.open(path: try #require(ledger.path), readonly: true)
        let reason = await refusal {
            try await readonly.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        }
        #expect(reason == .storage_unavailable)
    }

    @Test func aRuleSetThatDoesNotValidateStopsInitAndLeavesNoFiles() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-rules-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reason = await refusal {
            try await LedgerService.initialize(
                path: directory + "/l.sqlite", setup: LedgerSetup(origin: "x", district: TestLedger.district, rules: "version: 1\ncategories: 7\n"))
        }
        #expect(reason == .rules_invalid)
        #expect(!FileManager.default.fileExists(atPath: directory + "/l.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/l.sqlite.key"))
    }
}
