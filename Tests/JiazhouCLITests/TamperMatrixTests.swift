import Foundation
import GRDB
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// Ledger/SPEC.md §11.1 "Tamper matrix" (the rows: ``TamperMatrix``), each
/// edit on its own copy of a real ledger file, and what `verify` then says.
/// The same rows on PostgreSQL: PostgresTamperMatrixTests.
@Suite struct TamperMatrixTests {
    /// The template ledger, made once; each row edits its own copy.
    static let template = Template()

    actor Template {
        private var made: Task<Data, any Error>?

        /// The template file's bytes (its folder is removed once they are read).
        func bytes() async throws -> Data {
            if made == nil { made = Task { try await Template.make() } }
            return try await made!.value
        }

        static func make() async throws -> Data {
            let directory = try CommandRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = directory + "/ledger.sqlite"
            try await TamperMatrix.makeTemplate(path: path, keyPath: directory + "/ledger.key")
            // One file to copy: the WAL folded into it.
            let queue = try DatabaseQueue(path: path)
            try await queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try queue.close()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
    }

    @Test(arguments: TamperMatrix.rows) func aDirectEditHasItsDocumentedOutcome(_ row: TamperMatrix.Row) async throws {
        let template = try await Self.template.bytes()
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ledger.sqlite"
        try template.write(to: URL(fileURLWithPath: path))
        var config = Configuration()
        config.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: config)
        try await queue.write { db in
            try db.execute(sql: row.sql)
            #expect(db.changesCount > 0, "the edit changed nothing")
        }
        try queue.close()
        let outcome = Result<VerifyReport, any Error> { try LedgerService.verify(store: LedgerStore.open(path: path, readonly: true), semantic: false) }
        if let mismatch = row.outcome.mismatch(outcome) { Issue.record(Comment(rawValue: mismatch)) }
    }
}
