import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `account.get` writes its answer directly (CanonicalJSONWritable); its
/// bytes must be exactly those the Codable path gives, for every kind of
/// account and every optional member present or absent.
@Suite struct AccountViewEncodingTests {
    static func viaCodable(_ view: AccountView) throws -> [UInt8] { try JSONValueEncoder().encode(view).canonicalBytes }

    @Test func everyKindOfAccountWritesTheBytesCodableGives() async throws {
        let ledger = try await TestLedger.make()
        _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        for id in [TestLedger.volunteer(1), TestLedger.volunteer(4), TestLedger.merchant, .issuer(for: TestLedger.baiyang), TestLedger.gridWorker, TestLedger.root] {
            let view = try ledger.service.account(AccountGetRequest(account: id), actor: TestLedger.root)
            #expect(view.canonicalJSON == (try Self.viaCodable(view)), "\(id)")
        }
    }

    @Test func everyMemberPresentAndTextThatNeedsEscapes() async throws {
        let ledger = try await TestLedger.make()
        var view = try ledger.service.account(AccountGetRequest(account: TestLedger.merchant), actor: TestLedger.root)
        view.tags = ["cafe", "老\"字号\"", "a\\b", "tab\there", ""]
        view.catalogue = [CatalogueItem(item: "拿铁", points: 30), CatalogueItem(item: "\u{1F375} tea", points: 5)]
        view.spendable = 0
        view.pending = -1
        view.expiringSoon = Int64(1) << 53
        view.expiringWithinDays = 30
        view.takingsToday = 12
        view.takingsDay = "2026-12-03"
        view.budget = 0
        view.budgetMonth = "2026-12"
        view.budgetUsed = 7
        view.budgetLeft = 3
        let bytes = view.canonicalJSON
        #expect(bytes == (try Self.viaCodable(view)))
        // All 22 members, and the tree it parses back to is the view's.
        guard case .object(let members)? = try? JSONParser.parse(bytes) else { Issue.record("not an object"); return }
        #expect(members.count == 22)
        #expect(try JSONValueDecoder(root: "result").decode(AccountView.self, from: .object(members)) == view)
    }
}
