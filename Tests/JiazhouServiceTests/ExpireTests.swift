import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// Points expire a rule-set's months after they were awarded, oldest first;
/// service hours never do.
@Suite struct ExpireTests {
    static let oneMonth = TestLedger.plainRules + "expiry_months: 1\n"
    static let day: Int64 = 86_400_000

    func award(_ ledger: TestLedger, _ n: Int, _ id: String, minutes: Int64 = 120) async throws -> AwardResult {
        try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(n), activity: TestLedger.activity(id, minutes: minutes)), actor: TestLedger.root, key: nil)
    }

    func view(_ ledger: TestLedger, _ n: Int) throws -> AccountView {
        try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(n)), actor: TestLedger.root)
    }

    @Test func expiredLotsAreWrittenOffOnceAndHoursStay() async throws {
        let ledger = try await TestLedger.make(inFile: true, rules: Self.oneMonth)
        defer { ledger.remove() }
        _ = try await award(ledger, 3, "first")
        ledger.clock.advance(milliseconds: 10 * Self.day)
        _ = try await award(ledger, 3, "second", minutes: 60)
        #expect(try await ledger.service.expire(ExpireRequest(), actor: TestLedger.root, key: nil).seqs.isEmpty, "nothing has expired yet")
        ledger.clock.advance(milliseconds: 25 * Self.day)
        let run = try await ledger.service.expire(ExpireRequest(), actor: TestLedger.root, key: nil)
        #expect(run.pointsTotal == 20 && run.volunteers == 1, "only the first lot is a month old")
        let after = try view(ledger, 3)
        #expect(after.balance == 10 && after.minutes == 180 && after.earned == 30)
        let again = try await ledger.service.expire(ExpireRequest(), actor: TestLedger.root, key: nil)
        #expect(again.seqs.isEmpty, "a second run writes nothing new")
        let sink = try ledger.service.account(AccountGetRequest(account: .expiredSink), actor: TestLedger.root)
        #expect(sink.balance == 20)
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    @Test func whatWasSpentFromALotDoesNotExpire() async throws {
        let ledger = try await TestLedger.make(rules: Self.oneMonth)
        _ = try await award(ledger, 3, "first")
        let code = try await ledger.service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(3)), actor: TestLedger.volunteer(3), key: nil)
        _ = try await ledger.service.redeem(RedeemRequest(merchant: TestLedger.merchant, code: code.code, points: 15), actor: TestLedger.merchant, key: nil)
        ledger.clock.advance(milliseconds: 40 * Self.day)
        let run = try await ledger.service.expire(ExpireRequest(), actor: TestLedger.root, key: nil)
        #expect(run.pointsTotal == 5)
        #expect(try view(ledger, 3).balance == 0)
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    @Test func onlyAnOperatorExpiresAndNotAheadOfTime() async throws {
        let ledger = try await TestLedger.make(rules: Self.oneMonth)
        #expect(await refusal { try await ledger.service.expire(ExpireRequest(), actor: TestLedger.streetOffice, key: nil) } == .forbidden)
        #expect(await refusal { try await ledger.service.expire(ExpireRequest(asOf: "2030-01-01T00:00:00Z"), actor: TestLedger.root, key: nil) } == .invalid_request)
        #expect(await refusal { try await ledger.service.expire(ExpireRequest(asOf: "soon"), actor: TestLedger.root, key: nil) } == .invalid_request)
    }

    @Test func anExpiryOfPointsNotYetExpiredIsCaughtByVerify() async throws {
        let ledger = try await TestLedger.make(inFile: true, rules: Self.oneMonth)
        defer { ledger.remove() }
        _ = try await award(ledger, 3, "first")
        ledger.clock.advance(milliseconds: 40 * Self.day)
        _ = try await ledger.service.expire(ExpireRequest(), actor: TestLedger.root, key: nil)
        var entries = try Forgery.entries(of: ledger.service)
        let i = entries.lastIndex { $0.kind == .expire }!
        var data = entries[i].data.objectValue!
        data["as_of"] = "2026-11-24T00:00:00.000Z"
        entries[i].data = .object(data)
        let report = try LedgerService.verify(store: try Forgery.rechained(entries, at: ledger.directory! + "/forged.sqlite"), semantic: false)
        #expect(report.problems.contains { $0.seq == entries[i].seq && $0.problem.contains("had not expired") }, "\(report.problems)")
    }
}
