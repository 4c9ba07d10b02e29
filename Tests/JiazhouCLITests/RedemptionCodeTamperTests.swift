import Foundation
import GRDB
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// The code table is operational state, but a code marked used must name
/// the redemption made with it.
@Suite struct RedemptionCodeTamperTests {
    @Test func aCodeMarkedUsedByAnotherEntryIsReported() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let service = ledger.service
        _ = try await service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        let first = try await service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.root, key: nil).code
        let redeemed = try await service.redeem(RedeemRequest(merchant: TestLedger.merchant, code: first, points: 3), actor: TestLedger.merchant, key: nil)
        let second = try await service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.root, key: nil).code
        let path = try #require(ledger.path)
        #expect(try LedgerService.verify(store: LedgerStore.open(path: path, readonly: true), semantic: false).ok)

        var config = Configuration()
        config.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: config)
        // The unused code claims the redemption that the first code paid for.
        try await queue.write { db in
            try db.execute(sql: "UPDATE redemption_codes SET used_seq = NULL WHERE used_seq = ?", arguments: [redeemed.seq])
            try db.execute(
                sql: "UPDATE redemption_codes SET used_seq = ? WHERE code_hash = ?", arguments: [redeemed.seq, Data(RedemptionCode(typed: second)!.hash.bytes)])
        }
        try queue.close()
        let report = try LedgerService.verify(store: LedgerStore.open(path: path, readonly: true), semantic: false)
        #expect(report.problems.map(\.problem).contains { $0.contains("a redemption code is marked used by entry \(redeemed.seq)") })
    }
}
