import Foundation
import GRDB
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// `account.update`: a suspended merchant takes no redemptions and a
/// suspended volunteer spends, gives and receives nothing, until made active again.
@Suite struct SuspensionTests {
    private func suspend(_ fixture: RedemptionFixture, _ account: AccountID, actor: AccountID = TestLedger.root, status: AccountStatus = .suspended) async throws
        -> AccountUpdateResult
    {
        try await fixture.service.updateAccount(AccountUpdateRequest(account: account, status: status, reason: "核销异常，暂停待查"), actor: actor, key: nil)
    }

    @Test func aSuspendedMerchantTakesNoRedemptionsUntilItIsActiveAgain() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")
        let updated = try await suspend(fixture, RedemptionFixture.cafe)
        #expect(updated.status == .suspended)
        #expect(try fixture.entryData(updated.seq)["status"] == "suspended")
        let code = try await fixture.code()
        #expect(await refusal { try await fixture.redeem(5, code: code) } == .account_suspended)
        #expect(try fixture.service.account(AccountGetRequest(account: RedemptionFixture.cafe), actor: RedemptionFixture.cafe).status == .suspended)
        _ = try await suspend(fixture, RedemptionFixture.cafe, status: .active)
        #expect(await refusal { try await fixture.redeem(5, code: code) } == nil, "the refused redemption left the code usable")
        #expect(try fixture.verifies())
    }

    @Test func aSuspendedMerchantsReversalsAreTheOperatorsToMake() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 120, activity: "a")
        let spent = try await fixture.redeem(5, code: try await fixture.code())
        _ = try await fixture.redeem(7, code: try await fixture.code())
        _ = try await suspend(fixture, RedemptionFixture.cafe)
        let request = ReverseRequest(seq: spent.seq, reason: "退货")
        #expect(await refusal { try await fixture.service.reverse(request, actor: RedemptionFixture.cafe, key: nil) } == .account_suspended)
        #expect(await refusal { try await fixture.service.reverse(request, actor: TestLedger.root, key: nil) } == nil)
        let settled = try await fixture.service.settle(SettleRequest(merchant: RedemptionFixture.cafe), actor: TestLedger.root, key: nil)
        #expect(settled.points == 7, "the office still pays what a suspended shop took")
    }

    @Test func aSuspendedVolunteerAsksForNoCodesSpendsGivesAndReceivesNothing() async throws {
        let fixture = try await RedemptionFixture.make(rules: TransferRules.open)
        try await fixture.earn(minutes: 120, activity: "a")
        try await fixture.earn(2, minutes: 120, activity: "b")
        let code = try await fixture.code()
        _ = try await suspend(fixture, TestLedger.volunteer(1), actor: TestLedger.baiyangOffice)
        #expect(await refusal { try await fixture.code() } == .account_suspended)
        #expect(await refusal { try await fixture.redeem(5, code: code) } == .account_suspended)
        #expect(await refusal { try await fixture.give(5, from: 1, to: 2) } == .account_suspended)
        #expect(await refusal { try await fixture.give(5, from: 2, to: 1) } == .account_suspended)
        try await fixture.earn(minutes: 60, activity: "c")  // the service record goes on
        #expect(try fixture.balance(TestLedger.volunteer(1)) == 30)
        #expect(try fixture.verifies())
    }

    @Test func onlyAnOperatorOrACoordinatorOfItsScopeSuspendsAnAccount() async throws {
        let fixture = try await RedemptionFixture.make()
        for actor in [TestLedger.jiangbinOffice, TestLedger.gridWorker, RedemptionFixture.cafe, TestLedger.volunteer(1)] {
            #expect(await refusal { try await suspend(fixture, RedemptionFixture.cafe, actor: actor) } == .forbidden, "\(actor)")
        }
        #expect(await refusal { try await suspend(fixture, RedemptionFixture.cafe, actor: TestLedger.streetOffice) } == nil)
    }

    @Test func onlyMerchantsAndVolunteersAreSuspendedAndOnlyOnce() async throws {
        let fixture = try await RedemptionFixture.make()
        for account in [TestLedger.baiyangOffice, .issuer(for: TestLedger.baiyang), .expiredSink, TestLedger.root] {
            #expect(await refusal { try await suspend(fixture, account) } == .not_applicable, "\(account)")
        }
        #expect(await refusal { try await suspend(fixture, AccountID(unchecked: .merchant, "nowhere")) } == .unknown_account)
        _ = try await suspend(fixture, RedemptionFixture.cafe)
        #expect(await refusal { try await suspend(fixture, RedemptionFixture.cafe) } == .nothing_to_do, "already suspended")
        #expect(await refusal {
            try await fixture.service.updateAccount(AccountUpdateRequest(account: RedemptionFixture.teahouse, status: .suspended, reason: " "), actor: TestLedger.root, key: nil)
        } == .invalid_request)
    }

    @Test func verifyReplaysStatusesAndCatchesAnEditedOne() async throws {
        let fixture = try await RedemptionFixture.make(inFile: true)
        defer { fixture.ledger.remove() }
        _ = try await suspend(fixture, RedemptionFixture.cafe)
        _ = try await suspend(fixture, RedemptionFixture.cafe, status: .active)
        _ = try await suspend(fixture, TestLedger.volunteer(2))
        #expect(try fixture.verifies())
        let queue = try DatabaseQueue(path: try #require(fixture.ledger.path))
        try await queue.write { try $0.execute(sql: "UPDATE account_status SET status = 'active' WHERE account = 'volunteer:V000002'") }
        try await queue.write { try $0.execute(sql: "INSERT INTO account_status (account, status, seq) VALUES ('merchant:baiyang-teahouse', 'suspended', 3)") }
        let problems = try fixture.service.verify(VerifyRequest(), actor: TestLedger.root).problems.map(\.problem)
        #expect(problems.contains { $0.contains("volunteer:V000002: the account_status table says active") })
        #expect(problems.contains { $0.contains("merchant:baiyang-teahouse: the account_status table holds suspended") })
    }
}
