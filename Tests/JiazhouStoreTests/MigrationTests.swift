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

    @Test func aLedgerWithoutTheRedemptionCodeTableGetsItAndCanRedeem() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let path = try #require(ledger.path)
        _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        // As a ledger of the version before redemption: no table, no record of the migration.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DROP TABLE redemption_codes; DELETE FROM grdb_migrations WHERE identifier = 'v4-redemption'")
        }
        try queue.close()
        #expect(try tableExists("redemption_codes", in: path) == false)

        let reopened = try LedgerService.open(path: path, clock: ledger.clock)
        #expect(try tableExists("redemption_codes", in: path))
        let code = try await reopened.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.root, key: nil).code
        let redeemed = try await reopened.redeem(RedeemRequest(merchant: TestLedger.merchant, code: code, points: 5), actor: TestLedger.merchant, key: nil)
        #expect(redeemed.balance == 15)
        #expect(try reopened.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }

    private func tableExists(_ name: String, in path: String) throws -> Bool {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read { try $0.tableExists(name) }
    }
}
