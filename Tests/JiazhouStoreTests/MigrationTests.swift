import Foundation
import GRDB
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// A ledger made before a migration existed gets it when opened for
/// writing; opened read-only, it is left exactly as it is.
@Suite struct MigrationTests {
    @Test func aLedgerWithoutTheTokensTableGetsItWhenOpenedForWriting() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let path = try #require(ledger.path)
        let before = try ledger.service.info()
        // As a ledger of the version before tokens: no table, no record of the migration.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DROP TABLE tokens; DELETE FROM grdb_migrations WHERE identifier = 'v3-tokens'")
        }
        try queue.close()

        _ = try LedgerService.open(path: path, readonly: true)
        #expect(try tableExists("tokens", in: path) == false)

        let reopened = try LedgerService.open(path: path)
        #expect(try tableExists("tokens", in: path))
        #expect(try reopened.info() == before)
        #expect(try reopened.store.read { try $0.tokens() }.isEmpty)
    }

    private func tableExists(_ name: String, in path: String) throws -> Bool {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read { try $0.tableExists(name) }
    }
}
