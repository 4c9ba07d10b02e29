import Foundation
import JiazhouCore
import JiazhouService

extension DemoPlay {
    /// A merchant day in the historic quarter, after the week's public
    /// notice: volunteers show one-time codes at cafés and tea houses, a
    /// mistyped code and a reused one are refused, one redemption is reversed (退货),
    /// a volunteer gives points to an elderly relative, the community office
    /// suspends a shop for a while, the expiry run finds nothing due (points
    /// live two years), and the office settles the shops.
    func playMerchantDay() async throws {
        clock.advance(to: Timestamp(rfc3339: "2026-12-07T10:00:00+08:00")!)
        let shops = world.merchants.filter { $0.scope.path == "shizhong/haitang/jiulongxiang" }.prefix(4).map(\.id)
        guard !shops.isEmpty else { return }
        let views = try world.volunteers.map { try service.account(AccountGetRequest(account: $0.id), actor: .rootOperator) }
        let spenders = views.filter { ($0.spendable ?? 0) >= 30 }.sorted { ($0.spendable ?? 0) > ($1.spendable ?? 0) }.prefix(8)
        let items = ["拿铁", "盖碗茶", "手冲咖啡", "甜水面", "钵钵鸡", "冰粉", "豆腐脑", "叶儿粑"]
        // The first shop lists its menu, and its till redeems by item at the listed price.
        let menu = [CatalogueItem(item: "拿铁", points: 15), CatalogueItem(item: "手冲咖啡", points: 20)]
        _ = try await service.updateAccount(AccountUpdateRequest(account: shops[0], catalogue: menu), actor: shops[0], key: "menu:\(shops[0].name)")
        var taken: [(merchant: AccountID, seq: Int64, points: Int64)] = []
        var lastCode: String?
        for (i, view) in spenders.enumerated() {
            let code = try await service.redeemCode(RedeemCodeRequest(volunteer: view.account), actor: view.account, key: nil).code
            let merchant = shops[i % shops.count]
            let request =
                merchant == shops[0]
                ? RedeemRequest(merchant: merchant, code: code, points: nil, item: menu[i / shops.count % menu.count].item)
                : RedeemRequest(merchant: merchant, code: code, points: Int64(10 + i % 4 * 5), item: items[i % items.count])
            let result = try await service.redeem(request, actor: merchant, key: "till:\(merchant.name):\(i)")
            taken.append((merchant, result.seq, result.points))
            lastCode = code
        }
        print("\nmerchant day 2026-12-07: \(taken.count) redemptions by code at \(Set(taken.map(\.merchant)).count) shops in 九龙巷, \(taken.reduce(0) { $0 + $1.points }) points")
        print("  \(shops[0]) lists its menu (\(menu.map { "\($0.item) \($0.points)" }.joined(separator: ", "))); its till redeems by item at those prices")
        if let lastCode {
            for (what, code) in [("a mistyped code", "ZZZZ-ZZZZ"), ("a code used twice", lastCode)] {
                do {
                    _ = try await service.redeem(RedeemRequest(merchant: shops[0], code: code, points: 5), actor: shops[0], key: nil)
                } catch {
                    print("  \(what) is refused: \(error.reason.rawValue)")
                }
            }
        }
        if let returned = taken.first {
            let result = try await service.reverse(ReverseRequest(seq: returned.seq, reason: "退货"), actor: returned.merchant, key: "reverse:\(returned.seq)")
            print("  \(returned.merchant) reverses redemption \(returned.seq): \(result.points) points back to the volunteer's own lots (entry \(result.seq))")
        }
        try await playGift()
        if let shop = shops.last, let volunteer = spenders.first?.account { try await playSuspension(shop, volunteer: volunteer) }
        let expired = try await service.expire(ExpireRequest(), actor: .rootOperator, key: nil)
        print("  expiry run: \(expired.seqs.isEmpty ? "nothing due (points expire 24 months after they were awarded)" : "\(expired.pointsTotal) points written off")")
        var settled: Int64 = 0
        var paid = 0
        for shop in Set(taken.map(\.merchant)).sorted() {
            guard try service.account(AccountGetRequest(account: shop), actor: .rootOperator).balance > 0 else { continue }
            settled += try await service.settle(SettleRequest(merchant: shop), actor: .rootOperator, key: "settle:\(shop.name):2026-12-07").points
            paid += 1
        }
        print("  the street office settles \(paid) shops: \(settled) points to pay out (sink:settled)")
    }
}
