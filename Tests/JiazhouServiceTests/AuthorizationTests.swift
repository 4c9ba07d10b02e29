import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct AuthorizationTests {
    @Test func aCoordinatorCannotAwardOutsideItsScope() async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal {
            try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(4), activity: TestLedger.activity(scope: TestLedger.jiangbin)),
                actor: TestLedger.baiyangOffice, key: nil)
        }
        #expect(reason == .forbidden)
    }

    @Test func aStreetOfficeAwardsInEveryCommunityOfItsStreet() async throws {
        let ledger = try await TestLedger.make()
        for scope in [TestLedger.baiyang, TestLedger.jiangbin] {
            let result = try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(4), activity: TestLedger.activity(scope: scope)), actor: TestLedger.streetOffice, key: nil)
            #expect(result.points == 20)
        }
    }

    @Test(arguments: [TestLedger.volunteer(1), TestLedger.merchant, AccountID(unchecked: .coordinator, "nobody"), AccountID.issuer(for: TestLedger.baiyang)])
    func onlyCoordinatorsAndOperatorsAward(actor: AccountID) async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal {
            try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: actor, key: nil)
        }
        #expect(reason == .forbidden)
    }

    @Test func aVolunteerReadsItselfAndNoOneElse() async throws {
        let ledger = try await TestLedger.make()
        let me = TestLedger.volunteer(1)
        #expect(try ledger.service.account(AccountGetRequest(account: me), actor: me).account == me)
        let reason = refusal { try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(2)), actor: me) }
        #expect(reason == .forbidden)
    }

    @Test func aCoordinatorReadsAccountsInItsScopeOnly() async throws {
        let ledger = try await TestLedger.make()
        #expect(try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.baiyangOffice).balance == 0)
        let reason = refusal { try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(4)), actor: TestLedger.baiyangOffice) }
        #expect(reason == .forbidden)
    }

    @Test func aVolunteerSeesOnlyEntriesThatConcernIt() async throws {
        let ledger = try await TestLedger.make()
        let mine = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        let theirs = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(2), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        #expect(try ledger.service.entry(EntryGetRequest(seq: mine.seq), actor: TestLedger.volunteer(1)).entry["seq"] == .integer(mine.seq))
        #expect(refusal { try ledger.service.entry(EntryGetRequest(seq: theirs.seq), actor: TestLedger.volunteer(1)) } == .forbidden)
    }

    @Test func coordinatorsOpenVolunteersOnlyInTheirScopeAndNeverIssuers() async throws {
        let ledger = try await TestLedger.make()
        let opened = try await ledger.service.openAccount(
            AccountOpenRequest(account: TestLedger.volunteer(10), scope: TestLedger.baiyangGrid), actor: TestLedger.baiyangOffice, key: nil)
        #expect(opened.account == TestLedger.volunteer(10))
        let outside = await refusal {
            try await ledger.service.openAccount(
                AccountOpenRequest(account: TestLedger.volunteer(11), scope: TestLedger.jiangbin), actor: TestLedger.baiyangOffice, key: nil)
        }
        #expect(outside == .forbidden)
        let issuer = await refusal {
            try await ledger.service.openAccount(
                AccountOpenRequest(account: .issuer(for: TestLedger.baiyangGrid), scope: TestLedger.baiyangGrid), actor: TestLedger.baiyangOffice, key: nil)
        }
        #expect(issuer == .forbidden)
    }

    @Test func onlyTheOperatorVerifies() async throws {
        let ledger = try await TestLedger.make()
        #expect(try ledger.service.verify(VerifyRequest(), actor: TestLedger.root).ok)
        #expect(refusal { try ledger.service.verify(VerifyRequest(), actor: TestLedger.streetOffice) } == .forbidden)
    }
}
