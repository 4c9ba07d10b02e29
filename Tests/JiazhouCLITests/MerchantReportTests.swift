import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `jiazhou report merchant` through the real binary, on a café's end of
/// November: redemptions on two days, a reversed redemption, a settlement, and one
/// redemption on the first of December that the November report leaves out.
@Suite struct MerchantReportTests {
    private static let cafe = TestLedger.merchant
    private static let volunteer = TestLedger.volunteer(1)

    private func redeem(_ points: Int64, on ledger: TestLedger) async throws -> Int64 {
        let code = try await ledger.service.redeemCode(RedeemCodeRequest(volunteer: Self.volunteer), actor: Self.volunteer, key: nil).code
        return try await ledger.service.redeem(RedeemRequest(merchant: Self.cafe, code: code, points: points), actor: Self.cafe, key: nil).seq
    }

    private func cafesMonth() async throws -> (ledger: TestLedger, settlement: Int64) {
        let ledger = try await TestLedger.make(inFile: true)
        _ = try await ledger.service.award(
            AwardRequest(volunteer: Self.volunteer, activity: TestLedger.activity("cleanup", minutes: 600)), actor: TestLedger.baiyangOffice, key: nil)  // 100
        _ = try await redeem(12, on: ledger)  // 2026-11-23 (Beijing time)
        let returned = try await redeem(5, on: ledger)
        ledger.clock.set(Timestamp(rfc3339: "2026-11-24T02:00:00Z")!)
        // Reversed the next day, it still counts against the 23rd, the day it was redeemed on.
        _ = try await ledger.service.reverse(ReverseRequest(seq: returned, reason: "退货"), actor: Self.cafe, key: nil)
        _ = try await redeem(9, on: ledger)
        let settlement = try await ledger.service.settle(SettleRequest(merchant: Self.cafe), actor: TestLedger.root, key: nil).seq
        ledger.clock.set(Timestamp(rfc3339: "2026-11-30T17:00:00Z")!)  // 2026-12-01 01:00 in Beijing
        _ = try await redeem(3, on: ledger)
        return (ledger, settlement)
    }

    @Test func theNovemberReportShowsTakingsByDayLessReversalsAndTheSettlement() async throws {
        let (ledger, settlement) = try await cafesMonth()
        defer { ledger.remove() }
        let outcome = try CommandRunner.run(["report", "merchant", Self.cafe.text, "--month", "2026-11", "--db", try #require(ledger.path)])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(
            outcome.stdout == """
                merchant:jiulongxiang-cafe  takings in 2026-11
                day           redeemed  reversed   takings
                2026-11-23          17         5        12
                2026-11-24           9         0         9
                total                                   21
                settlements in 2026-11
                day                seq   through    points
                2026-11-24          \(settlement)        \(settlement - 1)        21

                """)
        let verified = try CommandRunner.run(["verify", "--db", try #require(ledger.path)])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test func theDecemberReportHoldsOnlyDecembersTakings() async throws {
        let (ledger, _) = try await cafesMonth()
        defer { ledger.remove() }
        let outcome = try CommandRunner.run(["report", "merchant", Self.cafe.text, "--month", "2026-12", "--db", try #require(ledger.path)])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("2026-12-01           3         0         3\n"))
        #expect(outcome.stdout.contains("total                                    3\n"))
        #expect(outcome.stdout.contains("no settlements in 2026-12"))
    }

    @Test func aBadMonthOrAVolunteerIsAClearRefusal() async throws {
        let (ledger, _) = try await cafesMonth()
        defer { ledger.remove() }
        let path = try #require(ledger.path)
        let badMonth = try CommandRunner.run(["report", "merchant", Self.cafe.text, "--month", "2026-13", "--db", path])
        #expect(badMonth.status == 1)
        #expect(badMonth.stderr.contains("a month is written YYYY-MM"))
        let volunteer = try CommandRunner.run(["report", "merchant", Self.volunteer.text, "--month", "2026-11", "--db", path])
        #expect(volunteer.status == 1)
        #expect(volunteer.stderr.contains("[invalid_request]"))
    }
}
