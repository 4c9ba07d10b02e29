import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore

/// `jiazhou bench`'s redemption figure: a volunteer's code issued and
/// redeemed at a till, pairs sent concurrently through the service, each
/// write durable (group commit), on the ledger the award figures built.
extension LedgerBench {
    static let merchants = 50

    static func merchant(_ n: Int) -> AccountID { AccountID(unchecked: .merchant, "bench-shop-\(n)") }

    /// Eight days ahead: past the default rule set's 7-day public notice, so
    /// that the points awarded a moment ago are spendable.
    struct AfterNotice: Clock {
        func now() -> Timestamp { Timestamp(millisecondsSince1970: SystemClock().now().millisecondsSince1970 + 8 * 86_400_000) }
    }

    /// Pairs per second, and the durable commits they took. `earners`: how
    /// many volunteers (from the first) hold points.
    static func measureRedemptionPairs(path: String, keyPath: String? = nil, pairs: Int, earners: Int) async throws -> (rate: Double, commits: Int64) {
        let service = try LedgerService.open(path: path, keyPath: keyPath, clock: AfterNotice())
        let opened = AfterNotice().now()
        try await service.appendBatch { writer in
            for n in 0..<merchants {
                try writer.append(
                    Entry(
                        seq: writer.head.size, prev: writer.head.last, time: opened, kind: .accountOpen, actor: .rootOperator, key: nil, postings: [],
                        data: ["account": .string(merchant(n).text), "scope": "shizhong/tongjiang", "tags": []]))
            }
        }
        let checkpointsBefore = try service.store.read { try $0.count("checkpoints") }
        let seconds = try await time {
            _ = try await DemoPlay.concurrently(Array(0..<pairs), window: 2048) { i in
                let volunteer = volunteer(i % max(1, min(earners, volunteers)))
                let code = try await service.redeemCode(RedeemCodeRequest(volunteer: volunteer), actor: volunteer, key: nil).code
                let till = merchant(i % merchants)
                return try await service.redeem(RedeemRequest(merchant: till, code: code, points: 1, item: "bench"), actor: till, key: "bench-redeem-\(i)").seq
            }
        }
        let commits = try service.store.read { try $0.count("checkpoints") } - checkpointsBefore
        return (rate(pairs, seconds), commits)
    }
}
