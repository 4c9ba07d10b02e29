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

    @Test func aFullDiskRefusesTheWholeGroupAndLosesNothingAcknowledged() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let path = try #require(ledger.path)
        let pages = try ledger.service.store.read { try $0.count("entries") } + 40
        let full = try LedgerService.open(path: path, maxPages: Int(pages))
        var acknowledged: [Int64] = []
        var failure: LedgerError?
        for i in 0..<5_000 where failure == nil {
            do {
                acknowledged.append(
                    try await full.award(AwardRequest(volunteer: TestLedger.volunteer(1 + i % 5), activity: TestLedger.activity("a\(i)")), actor: TestLedger.root, key: "k\(i)").seq)
            } catch {
                failure = error
            }
        }
        let error = try #require(failure)
        #expect(error.reason == .storage_unavailable)
        #expect(error.message.contains("disk is full"), "\(error)")
        let reopened = try LedgerService.open(path: path)
        #expect(try reopened.verify(VerifyRequest(), actor: TestLedger.root).ok)
        #expect(try reopened.info().size == acknowledged.last! + 1)
        let next = try await reopened.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity("after")), actor: TestLedger.root, key: nil)
        #expect(next.seq == acknowledged.last! + 1)
    }

    @Test func whenTheDiskFillsMidGroupNoRefusedRequestIsWrittenAndNoAcknowledgedOneIsLost() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let path = try #require(ledger.path)
        let full = try LedgerService.open(path: path, maxPages: Int(try ledger.service.store.read { try $0.count("entries") }) + 60)
        var acknowledged: [String: Int64] = [:]
        var refused: Set<String> = []
        for round in 0..<100 where refused.isEmpty {
            let outcomes = await withTaskGroup(of: (String, Int64?).self) { group in
                for i in 0..<50 {
                    let key = "r\(round)-\(i)"
                    group.addTask {
                        let request = AwardRequest(volunteer: TestLedger.volunteer(1 + i % 5), activity: TestLedger.activity(key))
                        return (key, try? await full.award(request, actor: TestLedger.root, key: key).seq)
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            for (key, seq) in outcomes {
                if let seq { acknowledged[key] = seq } else { refused.insert(key) }
            }
        }
        #expect(!refused.isEmpty)
        let reopened = try LedgerService.open(path: path)
        #expect(try reopened.verify(VerifyRequest(), actor: TestLedger.root).ok)
        var keys: [String: Int64] = [:]
        try LedgerService.export(store: reopened.store) { line in
            let entry = try JSONParser.parse(Array(line.dropLast()))
            if let key = entry["key"]?.stringValue { keys[key] = entry["seq"]?.integerValue }
        }
        for (key, seq) in acknowledged { #expect(keys[key] == seq, "acknowledged \(key) lost") }
        for key in refused { #expect(keys[key] == nil, "refused \(key) was written") }
    }
}
