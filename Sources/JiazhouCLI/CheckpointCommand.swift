import ArgumentParser
import JiazhouService

struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkpoint", abstract: "Print a signed checkpoint (the latest by default).")

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The tree size of the checkpoint.")
    var size: Int64?

    func run() async throws {
        try await reportingErrors {
            print(try ledger.open(readonly: true).checkpoint(CheckpointGetRequest(size: size)).note, terminator: "")
        }
    }
}
