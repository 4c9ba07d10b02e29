import GRDB
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// A merchant's catalogue lets a till redeem by item, at the listed price.
@Suite struct CatalogueTests {
    static let menu = [CatalogueItem(item: "拿铁", points: 12), CatalogueItem(item: "甜水面", points: 8)]

    private func setMenu(_ fixture: RedemptionFixture, _ items: [CatalogueItem] = menu, actor: AccountID = RedemptionFixture.cafe) async throws -> AccountUpdateResult {
        try await fixture.service.updateAccount(AccountUpdateRequest(account: RedemptionFixture.cafe, catalogue: items), actor: actor, key: nil)
    }

    private func redeemItem(_ fixture: RedemptionFixture, _ item: String) async throws -> RedeemResult {
        try await fixture.service.redeem(
            RedeemRequest(merchant: RedemptionFixture.cafe, code: try await fixture.code(), points: nil, item: item), actor: RedemptionFixture.cafe, key: nil)
    }

    @Test func aTillRedeemsByItemAtTheCataloguePrice() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 240, activity: "a")  // 40
        let menu = try await setMenu(fixture)
        #expect(menu.status == .active)
        let latte = try await redeemItem(fixture, "拿铁")
        #expect((latte.points, latte.balance) == (12, 28))
        #expect(try fixture.entryData(latte.seq)["catalogue_seq"] == .integer(menu.seq))
        let view = try fixture.service.account(AccountGetRequest(account: RedemptionFixture.cafe), actor: RedemptionFixture.cafe)
        #expect(view.catalogue == [CatalogueItem(item: "拿铁", points: 12), CatalogueItem(item: "甜水面", points: 8)])
        _ = try await setMenu(fixture, [CatalogueItem(item: "拿铁", points: 15)])
        #expect(try await redeemItem(fixture, "拿铁").points == 15, "a new catalogue replaces the old")
        #expect(await refusal { try await redeemItem(fixture, "甜水面") } == .unknown_item)
        #expect(try fixture.verifies())
    }

    @Test func givenPointsWinAndNeitherPointsNorItemIsRefused() async throws {
        let fixture = try await RedemptionFixture.make()
        try await fixture.earn(minutes: 240, activity: "a")
        _ = try await setMenu(fixture)
        #expect(try await fixture.redeem(3, code: try await fixture.code(), item: "拿铁").points == 3)
        #expect(await refusal {
            try await fixture.service.redeem(RedeemRequest(merchant: RedemptionFixture.cafe, code: try await fixture.code(), points: nil), actor: RedemptionFixture.cafe, key: nil)
        } == .invalid_request)
    }

    @Test func theMerchantOrTheOfficeSetsACatalogueButOnlyTheOfficeSuspends() async throws {
        let fixture = try await RedemptionFixture.make()
        #expect(await refusal { try await setMenu(fixture, actor: RedemptionFixture.teahouse) } == .forbidden)
        #expect(await refusal { try await setMenu(fixture, actor: TestLedger.jiangbinOffice) } == .forbidden)
        #expect(await refusal { try await setMenu(fixture, actor: TestLedger.baiyangOffice) } == nil)
        let suspendItself = AccountUpdateRequest(account: RedemptionFixture.cafe, status: .suspended, catalogue: [])
        #expect(await refusal { try await fixture.service.updateAccount(suspendItself, actor: RedemptionFixture.cafe, key: nil) } == .forbidden)
    }

    @Test(arguments: [
        [CatalogueItem(item: "", points: 1)], [CatalogueItem(item: "x", points: 0)], [CatalogueItem(item: "x", points: 1), CatalogueItem(item: "x", points: 2)],
        [CatalogueItem(item: "\u{0}x", points: 1)], [CatalogueItem(item: "拿铁\n", points: 1)],
    ])
    func aBadCatalogueIsRefused(items: [CatalogueItem]) async throws {
        let fixture = try await RedemptionFixture.make()
        #expect(await refusal { try await setMenu(fixture, items) } == .invalid_request)
    }

    @Test func onlyMerchantsHaveCataloguesAndNotTooLong() async throws {
        let fixture = try await RedemptionFixture.make()
        let volunteer = AccountUpdateRequest(account: TestLedger.volunteer(1), catalogue: Self.menu)
        #expect(await refusal { try await fixture.service.updateAccount(volunteer, actor: TestLedger.root, key: nil) } == .not_applicable)
        let long = (0...AccountUpdateRequest.maxCatalogueItems).map { CatalogueItem(item: "item-\($0)", points: 1) }
        #expect(await refusal { try await setMenu(fixture, long) } == .too_large)
        #expect(await refusal {
            try await fixture.service.updateAccount(AccountUpdateRequest(account: RedemptionFixture.cafe), actor: TestLedger.root, key: nil)
        } == .invalid_request)
    }

    @Test func verifyCatchesAnEditedCatalogue() async throws {
        let fixture = try await RedemptionFixture.make(inFile: true)
        defer { fixture.ledger.remove() }
        _ = try await setMenu(fixture)
        #expect(try fixture.verifies())
        let queue = try DatabaseQueue(path: try #require(fixture.ledger.path))
        try await queue.write { try $0.execute(sql: "UPDATE catalogue SET points = 1 WHERE item = '拿铁'") }
        let problems = try fixture.service.verify(VerifyRequest(), actor: TestLedger.root).problems.map(\.problem)
        #expect(problems.contains { $0.contains("the catalogue table does not hold the catalogue") })
    }
}
