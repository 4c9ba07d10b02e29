import JiazhouCore
import JiazhouService
import JiazhouTesting

/// Rule sets and calls for the transfer tests, on a ``RedemptionFixture``.
enum TransferRules {
    /// The plain rules, with gifts allowed to anyone: 100 points given and 150 received a day.
    static let open = TestLedger.plainRules + """
        transfer:
          allowed: true
          giver_day_points: 100
          recipient_day_points: 150

        """

    /// Gifts only to silver-age volunteers (volunteer 1 is one).
    static let silverAgeOnly = TestLedger.plainRules + """
        transfer:
          allowed: true
          to_tags: [silver_age, 银龄]

        """

    /// Points spendable after a day's notice, expiring after a month.
    static let dated = TestLedger.plainRules + """
        pending_days: 1
        expiry_months: 1
        transfer:
          allowed: true

        """
}

extension RedemptionFixture {
    /// Volunteer `from` gives `points` to volunteer `to`, acting itself unless `actor` is given.
    @discardableResult
    func give(_ points: Int64, from: Int = 1, to: Int = 2, actor: AccountID? = nil, note: String? = nil, key: String? = nil) async throws -> TransferResult {
        let giver = TestLedger.volunteer(from)
        return try await service.transfer(
            TransferRequest(from: giver, to: TestLedger.volunteer(to), points: points, note: note), actor: actor ?? giver, key: key)
    }

    func view(_ volunteer: Int) throws -> AccountView {
        try service.account(AccountGetRequest(account: TestLedger.volunteer(volunteer)), actor: TestLedger.root)
    }
}
