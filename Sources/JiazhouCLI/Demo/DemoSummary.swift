import Foundation
import JiazhouCore
import JiazhouService

/// The readable end of the demo: what the chain now holds.
struct DemoSummary {
    let service: LedgerService
    let world: DemoWorld
    let play: DemoPlay

    func print() throws {
        let info = try service.info()
        Swift.print("\nthe ledger: \(info.size) entries")
        Swift.print("  root  \(info.root.hex)")
        Swift.print("  key   \(info.verifierKey)")
        if let sample = play.sampleExplanation {
            Swift.print("\nhow an award was priced (\(sample.activity), \(sample.volunteer), seq \(sample.result.seq)):")
            Swift.print(ExplanationText(points: sample.result.points, minutes: sample.result.minutes, explanation: sample.result.explanation).text)
        }
        if let sample = play.sampleTrimmed {
            Swift.print("\ncaps and budgets trimmed \(play.trimmedAwards) awards; for one (\(sample.activity), \(sample.volunteer)):")
            Swift.print(ExplanationText(points: sample.result.points, minutes: sample.result.minutes, explanation: sample.result.explanation).text)
        }
        Swift.print("\nthe week's points are in their 7-day public notice (公示): try `jiazhou balance` for spendable and pending points")
        try printTopVolunteers()
        try printIssuedByStreet()
    }

    private func printTopVolunteers() throws {
        let views = try world.volunteers.map { try service.account(AccountGetRequest(account: $0.id), actor: .rootOperator) }
        let top = views.sorted { ($0.balance, $1.account.text) > ($1.balance, $0.account.text) }.prefix(10)
        let names = world.volunteerNames
        Swift.print("\ntop volunteers of the week:")
        for view in top {
            let stars = String(repeating: "★", count: view.stars) + String(repeating: "☆", count: 5 - view.stars)
            let hours = String(format: "%5.1f h", Double(view.minutes) / 60)
            Swift.print("  \(view.account.name)  \(names[view.account] ?? "")\t\(String(format: "%4d", view.balance)) points  \(hours)  \(stars)  \(view.scope)")
        }
        let active = views.filter { $0.minutes > 0 }
        let totalMinutes = active.reduce(0) { $0 + $1.minutes }
        Swift.print("  \(active.count) volunteers served \(totalMinutes / 60) hours in all")
    }

    private func printIssuedByStreet() throws {
        var issued: [String: Int64] = [:]
        for issuer in world.issuers {
            let view = try service.account(AccountGetRequest(account: issuer.id), actor: .rootOperator)
            let street = issuer.scope.segments.count > 1 ? issuer.scope.segments[1] : "(district)"
            issued[street, default: 0] -= view.balance
        }
        Swift.print("\npoints issued per street:")
        for (street, points) in issued.sorted(by: { $0.key < $1.key }) where points != 0 || street != "(district)" {
            Swift.print("  \(world.streetNames[street] ?? street) (\(street))\t\(points)")
        }
    }
}
