import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouRules
import JiazhouService
import JiazhouStore

/// `jiazhou bench expire`: an expiry run over a million lots, on a ledger
/// whose awards were made 25 months ago (the default rule set expires points
/// after 24).
struct ExpireBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expire", abstract: "Award --lots lots 25 months back, then time the expiry run that writes them all off.")

    @Option(help: "Lots (awards) to expire.")
    var lots = 1_000_000

    func run() async throws {
        try await reportingErrors {
            guard lots >= 1000 else { throw LedgerError(.invalid_request, "use at least --lots 1000") }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-bench-expire-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let now = SystemClock().now()
            let clock = SimulatedClock(Timestamp(millisecondsSince1970: now.millisecondsSince1970 - 25 * 31 * 86_400_000))
            let service = try await LedgerService.initialize(
                path: directory + "/ledger.sqlite", setup: LedgerSetup(origin: "jiazhou.bench/shizhong", district: try Scope("shizhong")), clock: clock)
            try await LedgerBench.openAccounts(service)
            let rules = try RuleSet(yaml: DefaultRuleSet.text)
            let time = clock.now()
            let count = lots
            let appendSeconds = try await LedgerBench.time {
                var done = 0
                while done < count {
                    let chunk = min(100_000, count - done)
                    let first = done
                    try await service.appendBatch { writer in
                        for i in first..<first + chunk { try writer.append(try LedgerBench.award(i, writer: writer, rules: rules, time: time)) }
                    }
                    done += chunk
                }
            }
            clock.advance(to: now)
            var result: ExpireResult?
            let seconds = try await LedgerBench.time { result = try await service.expire(ExpireRequest(), actor: .rootOperator, key: nil) }
            guard let result else { return }
            print("jiazhou bench expire: \(count) lots of \(LedgerBench.volunteers) volunteers, awarded 25 months back (\(String(format: "%.0f", appendSeconds)) s to build)\n")
            print(String(format: "expiry run                    %@ lots/s   %.1f s: %d entries, %lld points to sink:expired, in steps of %d lots",
                LedgerBench.format(Double(count) / seconds), seconds, result.seqs.count, result.pointsTotal, LedgerService.expiryLotsPerCommit))
            let again = try await service.expire(ExpireRequest(), actor: .rootOperator, key: nil)
            print("a second run                  \(again.seqs.count) entries (nothing left to expire)")
        }
    }
}
