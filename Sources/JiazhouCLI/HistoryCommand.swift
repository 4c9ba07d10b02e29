import ArgumentParser
import JiazhouCore
import JiazhouService

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List an account's entries, oldest first.")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The account, e.g. volunteer:V000123.")
    var account: AccountID

    @Option(help: "Start after this seq.")
    var after: Int64?

    @Option(help: "At most this many entries.")
    var limit = 100

    @Option(help: "The principal asking (default: the operator).")
    var actor = AccountID.rootOperator

    func run() async throws {
        try await reportingErrors {
            let page = try ledger.open(readonly: true).history(AccountHistoryRequest(account: account, after: after, limit: limit), actor: actor)
            for item in page.entries {
                let points = item.points > 0 ? "+\(item.points)" : "\(item.points)"
                let minutes = item.minutes.map { "  \($0) min" } ?? ""
                print("\(item.seq)\t\(item.time)\t\(item.kind.rawValue)\t\(points)\(minutes)")
            }
            if let next = page.next { print("… more: --after \(next)") }
        }
    }
}
