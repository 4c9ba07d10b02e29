import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct ExportImportTests {
    private func exported() async throws -> (TestLedger, String, Data) {
        let ledger = try await TestLedger.make(inFile: true)
        for i in 0..<5 {
            _ = try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(1 + i), activity: TestLedger.activity("环境整治-\(i)", scope: TestLedger.district)),
                actor: TestLedger.root, key: "k\(i)")
        }
        let path = try #require(ledger.path)
        let export = try CommandRunner.run(["export", "--db", path])
        #expect(export.status == 0)
        return (ledger, path, Data(export.stdout.utf8))
    }

    @Test func everyExportedLineHashesToItsLeafAndChainsToTheNext() async throws {
        let (ledger, _, export) = try await exported()
        defer { ledger.remove() }
        let lines = String(decoding: export, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        var previous = Hash.zero
        for line in lines.dropLast() {
            let entry = try JSONParser.parse(String(line))
            #expect(entry["prev"]?.stringValue == previous.hex)
            previous = TreeHasher.leafHash(Array(line.utf8))
        }
        #expect(previous == (try ledger.service.info()).head)
    }

    @Test func importingAnExportRebuildsTheSameRootAndHead() async throws {
        let (ledger, path, export) = try await exported()
        defer { ledger.remove() }
        let copy = try #require(ledger.directory) + "/copy.sqlite"
        let outcome = try CommandRunner.run(["import", "--db", copy, "--from-key", path + ".key"], stdin: export)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let original = try ledger.service.info()
        let imported = try LedgerService.open(path: copy)
        #expect(try imported.info().root == original.root)
        #expect(try imported.info().head == original.head)
        let verified = try CommandRunner.run(["verify", "--db", copy])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        // With the key the copy is a working ledger.
        let next = try await imported.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity("after")), actor: TestLedger.root, key: nil)
        #expect(next.seq == original.size)
    }

    @Test func anImportWithoutTheKeyIsVerifiableButHasNoKeyToWriteWith() async throws {
        let (ledger, _, export) = try await exported()
        defer { ledger.remove() }
        let copy = try #require(ledger.directory) + "/copy.sqlite"
        #expect(try CommandRunner.run(["import", "--db", copy], stdin: export).status == 0)
        #expect(try CommandRunner.run(["verify", "--db", copy]).status == 0)
        #expect(refusal { try LedgerService.open(path: copy) } == .ledger_invalid)
    }

    @Test func aBrokenLineIsRefusedWithItsNumberAndLeavesNothingBehind() async throws {
        let (ledger, _, export) = try await exported()
        defer { ledger.remove() }
        var lines = String(decoding: export, as: UTF8.self).split(separator: "\n").map(String.init)
        lines[6] = lines[6].replacingOccurrences(of: "\"tags\":[]", with: "\"tags\": []")
        let copy = try #require(ledger.directory) + "/copy.sqlite"
        let outcome = try CommandRunner.run(["import", "--db", copy], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("line 7:"))
        #expect(!FileManager.default.fileExists(atPath: copy))
    }

    @Test func linesOutOfOrderAreRefused() async throws {
        let (ledger, _, export) = try await exported()
        defer { ledger.remove() }
        var lines = String(decoding: export, as: UTF8.self).split(separator: "\n").map(String.init)
        lines.swapAt(8, 9)
        let copy = try #require(ledger.directory) + "/copy.sqlite"
        let outcome = try CommandRunner.run(["import", "--db", copy], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("line 9: expected seq 8, found 9"))
    }

    @Test func anEmptyImportIsRefused() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = try CommandRunner.run(["import", "--db", directory + "/empty.sqlite"], stdin: Data())
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("the import is empty"))
    }
}
