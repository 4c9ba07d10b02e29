import ArgumentParser
import JiazhouCore
import JiazhouService

/// `jiazhou rules publish FILE`: writes a new rule set into the chain.
struct RulesPublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a rule set: it prices every award after it.",
        discussion: "The whole rule set is validated first; one that fails is refused with every problem, and nothing is written."
    )

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The rule set (YAML). Its version must be higher than the one in force.")
    var file: String

    @Option(name: .long, help: "The acting principal (an operator).")
    var actor: String = AccountID.rootOperator.text

    @Option(name: .long, help: "An idempotency key: publishing again with it writes nothing.")
    var idempotencyKey: String?

    func run() async throws {
        try await reportingErrors {
            let text = try readRuleSetFile(file)
            let result = try await ledger.open().publishRules(RulesPublishRequest(ruleset: text), actor: try AccountID(actor), key: idempotencyKey)
            print("published rule set v\(result.version) at seq \(result.seq)")
            print("hash \(result.hash)")
        }
    }
}
