import Foundation
import JiazhouCore
import JiazhouService

extension DemoPlay {
    /// A volunteer gives points to an elderly relative: a silver-age (银龄)
    /// volunteer of the same grid, as the district's rules allow; a gift to
    /// someone the rules do not name is refused.
    func playGift() async throws {
        let byGrid = Dictionary(grouping: world.volunteers, by: \.scope.path)
        for grid in byGrid.keys.sorted() {
            let people = byGrid[grid]!
            guard let elder = people.first(where: { $0.tags.contains("silver_age") }) else { continue }
            for giver in people where !giver.tags.contains("silver_age") {
                guard let other = people.first(where: { !$0.tags.contains("silver_age") && $0.id != giver.id }) else { continue }
                guard try service.account(AccountGetRequest(account: giver.id), actor: giver.id).spendable ?? 0 >= 30 else { continue }
                let gift = try await service.transfer(
                    TransferRequest(from: giver.id, to: elder.id, points: 30, note: "给家里老人买药"), actor: giver.id, key: "gift:\(giver.id.name):2026-12-07")
                let expires = gift.expires.map { " until \($0.rfc3339.prefix(10))" } ?? ""
                print("  \(giver.id) gives 30 points to \(elder.id), a silver-age relative in \(grid) (entry \(gift.seq)): spendable at once\(expires); hours and stars stay with the giver")
                do {
                    _ = try await service.transfer(TransferRequest(from: giver.id, to: other.id, points: 5), actor: giver.id, key: nil)
                } catch {
                    print("  a gift to \(other.id), who is not silver-age, is refused: \(error.reason.rawValue)")
                }
                return
            }
        }
    }

    /// The community office suspends a shop whose takings look wrong: its
    /// till is refused until the office makes it active again.
    func playSuspension(_ shop: AccountID, volunteer: AccountID) async throws {
        let office = try service.account(AccountGetRequest(account: shop), actor: .rootOperator).scope.segments.last.map { AccountID(unchecked: .coordinator, "office-\($0)") }
        let actor = try office.flatMap { try service.account(AccountGetRequest(account: $0), actor: .rootOperator).account } ?? .rootOperator
        _ = try await service.updateAccount(AccountUpdateRequest(account: shop, status: .suspended, reason: "核销异常，暂停待查"), actor: actor, key: "suspend:\(shop.name)")
        let code = try await service.redeemCode(RedeemCodeRequest(volunteer: volunteer), actor: volunteer, key: nil).code
        do {
            _ = try await service.redeem(RedeemRequest(merchant: shop, code: code, points: 5), actor: shop, key: nil)
        } catch {
            print("  \(actor) suspends \(shop): its till is refused (\(error.reason.rawValue)); after a check the office makes it active again")
        }
        _ = try await service.updateAccount(AccountUpdateRequest(account: shop, status: .active, reason: "核查无误"), actor: actor, key: "reactivate:\(shop.name)")
    }
}
