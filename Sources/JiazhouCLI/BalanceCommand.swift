import ArgumentParser
import JiazhouCore
import JiazhouService

struct BalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "balance", abstract: "Show an account's points, service hours and stars.")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The account, e.g. volunteer:V000123.")
    var account: AccountID

    @Option(help: "The principal asking (default: the operator).")
    var actor = AccountID.rootOperator

    func run() async throws {
        try await reportingErrors {
            let view = try ledger.open(readonly: true).account(AccountGetRequest(account: account), actor: actor)
            print("\(view.account)  (\(view.scope))")
            print("  balance: \(view.balance) points")
            if view.kind == .volunteer {
                if let spendable = view.spendable, let pending = view.pending {
                    print("  spendable now: \(spendable) points; in public notice (公示): \(pending) points")
                }
                if let soon = view.expiringSoon, soon > 0, let days = view.expiringWithinDays {
                    print("  expiring within \(days) days: \(soon) points")
                }
                print("  earned:  \(view.earned) points")
                print("  service: \(view.hours) h \(view.minutes % 60) min  \(String(repeating: "★", count: view.stars))\(String(repeating: "☆", count: 5 - view.stars))")
            }
            if let budget = view.budget { print("  budget:  \(budget) points a month") }
        }
    }
}
