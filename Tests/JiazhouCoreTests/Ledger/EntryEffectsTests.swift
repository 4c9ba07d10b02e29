import JiazhouCore
import Testing

@Suite("Entry.effects")
struct EntryEffectsTests {
    private static let issuer = AccountID(unchecked: .issuer, "shizhong/tongjiang/baiyang")
    private static let volunteer = AccountID(unchecked: .volunteer, "V000001")
    private static let merchant = AccountID(unchecked: .merchant, "jiulongxiang-cafe")

    private static func entry(_ kind: Entry.Kind, _ moves: [(AccountID, AccountID, Int64)], data: JSONValue) throws -> Entry {
        Entry(
            seq: 1, prev: Hash.zero, time: Timestamp(millisecondsSince1970: 0), kind: kind,
            actor: AccountID(unchecked: .coordinator, "gw-baiyang-g01"), key: nil,
            postings: try moves.map { try Posting(from: $0.0, to: $0.1, points: $0.2) }, data: data)
    }

    @Test func anAwardCreditsTheVolunteerWithBalanceEarnedPointsAndMinutes() throws {
        let award = try Self.entry(.award, [(Self.issuer, Self.volunteer, 20)], data: ["volunteer": "volunteer:V000001", "minutes": 120])
        let effects = award.effects
        #expect(effects[Self.volunteer] == AccountDelta(balance: 20, earned: 20, minutes: 120))
        #expect(effects[Self.issuer] == AccountDelta(balance: -20))
        #expect(effects.count == 2)
    }

    @Test func reversingAnAwardTakesBackBalanceEarnedPointsAndMinutes() throws {
        let reverse = try Self.entry(
            .reverse, [(Self.volunteer, Self.issuer, 20)],
            data: ["reverses": 4, "reversed_kind": "award", "volunteer": "volunteer:V000001", "minutes": 120])
        let effects = reverse.effects
        #expect(effects[Self.volunteer] == AccountDelta(balance: -20, earned: -20, minutes: -120))
        #expect(effects[Self.issuer] == AccountDelta(balance: 20))
    }

    @Test func anAwardAndItsReversalCancelOut() throws {
        let data: [String: JSONValue] = ["volunteer": "volunteer:V000001", "minutes": 90]
        let award = try Self.entry(.award, [(Self.issuer, Self.volunteer, 15)], data: .object(data))
        var reverseData = data
        reverseData["reversed_kind"] = "award"
        let reverse = try Self.entry(.reverse, [(Self.volunteer, Self.issuer, 15)], data: .object(reverseData))
        for account in [Self.volunteer, Self.issuer] {
            let a = award.effects[account]!, r = reverse.effects[account]!
            #expect(a.balance + r.balance == 0 && a.earned + r.earned == 0 && a.minutes + r.minutes == 0)
        }
    }

    /// Earned points and minutes record service: spending points does not lower them.
    @Test func redeemingMovesBalanceButNotEarnedPointsOrMinutes() throws {
        let redeem = try Self.entry(.redeem, [(Self.volunteer, Self.merchant, 5)], data: ["item": "手冲咖啡一杯", "minutes": 30])
        #expect(redeem.effects[Self.volunteer] == AccountDelta(balance: -5))
        #expect(redeem.effects[Self.merchant] == AccountDelta(balance: 5))
    }

    @Test func reversingARedeemRestoresBalanceOnly() throws {
        let reverse = try Self.entry(
            .reverse, [(Self.merchant, Self.volunteer, 5)],
            data: ["reversed_kind": "redeem", "volunteer": "volunteer:V000001", "minutes": 30])
        #expect(reverse.effects[Self.volunteer] == AccountDelta(balance: 5))
        #expect(reverse.effects[Self.merchant] == AccountDelta(balance: -5))
    }

    @Test func anAwardCountsOnlyThePointsThatReachTheVolunteer() throws {
        let other = AccountID(unchecked: .volunteer, "V000002")
        let award = try Self.entry(
            .award, [(Self.issuer, Self.volunteer, 20), (Self.issuer, other, 7)],
            data: ["volunteer": "volunteer:V000001", "minutes": 60])
        #expect(award.effects[Self.volunteer] == AccountDelta(balance: 20, earned: 20, minutes: 60))
        #expect(award.effects[other] == AccountDelta(balance: 7))
        #expect(award.effects[Self.issuer] == AccountDelta(balance: -27))
    }

    @Test func anEntryWithoutPostingsHasNoEffects() throws {
        let open = try Self.entry(.accountOpen, [], data: ["account": "volunteer:V000001"])
        #expect(open.effects.isEmpty)
    }
}
