import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// The code table keeps live codes and the recently expired or used, not
/// every code ever issued: a code a day past its expiry is deleted.
@Suite struct RedemptionCodeCleanupTests {
    private func codeRows(_ fixture: RedemptionFixture) throws -> Int64 {
        try fixture.service.store.read { try $0.count("redemption_codes") }
    }

    @Test func aUsedCodeIsRefusedAsUsedThroughoutItsLifetimeAndADayAfter() async throws {
        let fixture = try await RedemptionFixture.make()
        let clock = fixture.ledger.clock
        try await fixture.earn(minutes: 120, activity: "a")
        let code = try await fixture.code()
        _ = try await fixture.redeem(5, code: code)
        clock.advance(milliseconds: 9 * 60_000)
        _ = try await fixture.code()  // each new code sweeps stale ones: this one is not
        #expect(await refusal { try await fixture.redeem(5, code: code) } == .code_used, "within its lifetime")
        clock.advance(milliseconds: 86_400_000)  // 1 min short of a day past its expiry
        _ = try await fixture.code()
        #expect(await refusal { try await fixture.redeem(5, code: code) } == .code_used, "a till retrying yesterday's code hears why")
        clock.advance(milliseconds: 60_000)
        let rowsBefore = try codeRows(fixture)
        _ = try await fixture.code()
        #expect(try codeRows(fixture) == rowsBefore, "the first code aged out and one was issued")
        #expect(await refusal { try await fixture.redeem(5, code: code) } == .unknown_code, "deleted: as if never issued")
        #expect(try fixture.verifies())
    }

    @Test func issuingACodeDeletesABoundedNumberOfStaleOnes() async throws {
        let fixture = try await RedemptionFixture.make()
        for _ in 0..<40 { _ = try await fixture.code() }
        fixture.ledger.clock.advance(milliseconds: 2 * 86_400_000)
        _ = try await fixture.code()
        #expect(try codeRows(fixture) == 40 - 16 + 1)
    }

    @Test func anExpiryRunSweepsEveryStaleCodeAndKeepsTheRest() async throws {
        let fixture = try await RedemptionFixture.make()
        for _ in 0..<30 { _ = try await fixture.code() }
        fixture.ledger.clock.advance(milliseconds: 2 * 86_400_000)
        let live = try await fixture.code()
        fixture.ledger.clock.advance(milliseconds: 60_000)
        _ = try await fixture.service.expire(ExpireRequest(), actor: TestLedger.root, key: nil)
        #expect(try codeRows(fixture) == 1)
        try await fixture.earn(minutes: 120, activity: "a")
        #expect(await refusal { try await fixture.redeem(5, code: live) } == nil)
    }
}
