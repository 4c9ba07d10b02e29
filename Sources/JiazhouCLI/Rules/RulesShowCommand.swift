import ArgumentParser
import JiazhouService

/// `jiazhou rules show`: prints a published rule set as it was published.
struct RulesShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the rule set in force (or --version N) as published.")

    @OptionGroup var ledger: LedgerOptions

    @Option(name: .long, help: "A published version (default: the one in force).")
    var version: Int64?

    func run() async throws {
        try await reportingErrors {
            let result = try ledger.open(readonly: true).rules(RulesGetRequest(version: version))
            print("# rule set v\(result.version), published at seq \(result.seq), SHA-256 \(result.hash)")
            print(result.ruleset, terminator: result.ruleset.hasSuffix("\n") ? "" : "\n")
        }
    }
}
