import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting

/// Earning, asking for codes and redeeming on a ``TestLedger``, for the redemption tests.
struct RedemptionFixture {
    let ledger: TestLedger
    var service: LedgerService { ledger.service }

    static let cafe = TestLedger.merchant
    /// A second merchant, opened by ``make(rules:inFile:)``.
    static let teahouse = AccountID(unchecked: .merchant, "baiyang-teahouse")

    static func make(rules: String? = nil, inFile: Bool = false) async throws -> RedemptionFixture {
        let ledger = try await TestLedger.make(inFile: inFile, rules: rules)
        _ = try await ledger.service.openAccount(AccountOpenRequest(account: teahouse, scope: TestLedger.baiyang), actor: TestLedger.root, key: nil)
        return RedemptionFixture(ledger: ledger)
    }

    /// Awards `minutes` of clean-up (10 points an hour under the plain rules); returns the award's seq.
    @discardableResult
    func earn(_ volunteer: Int = 1, minutes: Int64, activity: String) async throws -> Int64 {
        try await service.award(
            AwardRequest(volunteer: TestLedger.volunteer(volunteer), activity: TestLedger.activity(activity, minutes: minutes)),
            actor: TestLedger.baiyangOffice, key: nil
        ).seq
    }

    /// A fresh code, asked for by the volunteer itself.
    func code(_ volunteer: Int = 1) async throws -> String {
        try await service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(volunteer)), actor: TestLedger.volunteer(volunteer), key: nil).code
    }

    func redeem(_ points: Int64, code: String, at merchant: AccountID = cafe, item: String? = nil) async throws -> RedeemResult {
        try await service.redeem(RedeemRequest(merchant: merchant, code: code, points: points, item: item), actor: merchant, key: nil)
    }

    /// What is left of each lot of `volunteer`'s awards, by award seq.
    func remaining(_ volunteer: Int = 1) throws -> [Int64: Int64] {
        try service.store.read { reader in
            Dictionary(uniqueKeysWithValues: try reader.openLots(of: TestLedger.volunteer(volunteer)).map { ($0.seq, $0.remaining) })
        }
    }

    func balance(_ account: AccountID) throws -> Int64 {
        try service.account(AccountGetRequest(account: account), actor: TestLedger.root).balance
    }

    func entryData(_ seq: Int64) throws -> JSONValue {
        try service.entry(EntryGetRequest(seq: seq), actor: TestLedger.root).entry["data"] ?? .null
    }

    func verifies() throws -> Bool {
        let report = try service.verify(VerifyRequest(semantic: true), actor: TestLedger.root)
        if !report.ok { print(report.problems) }
        return report.ok
    }
}

/// `[{seq, points}]` as a redemption or its reversal records its lots.
func lotList(_ pairs: [(Int64, Int64)]) -> JSONValue {
    .array(pairs.map { ["seq": .integer($0.0), "points": .integer($0.1)] })
}
