import ArgumentParser
import JiazhouCore
import JiazhouService

struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show the ledger's origin, size, root and verifier key.")

    @OptionGroup var ledger: LedgerOptions

    func run() async throws {
        try await reportingErrors {
            let info = try ledger.open(readonly: true).info()
            print("origin:       \(info.origin)")
            print("size:         \(info.size)")
            print("root:         \(info.root.hex)")
            print("head:         \(info.head.hex)")
            print("verifier key: \(info.verifierKey)")
        }
    }
}
