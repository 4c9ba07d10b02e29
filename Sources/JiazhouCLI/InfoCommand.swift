import ArgumentParser
import JiazhouCore
import JiazhouService

struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show the ledger's origin, hash suite, size, root and verifier key.")

    @OptionGroup var ledger: LedgerOptions

    func run() async throws {
        try await reportingErrors {
            let service = try ledger.open(readonly: true)
            let info = try service.info()
            print("origin:       \(info.origin)")
            print("suite:        \(service.suite.name) (\(service.suite.hashName), \(service.suite.signatureName))")
            print("size:         \(info.size)")
            print("root:         \(info.root.hex)")
            print("head:         \(info.head.hex)")
            print("verifier key: \(info.verifierKey)")
            for witness in info.witnesses ?? [] {
                print("witness:      \(witness.witness) cosigned size \(witness.size) at \(witness.timestamp)")
                // The key the check pages are offered (absent for a cosignature kept before v11).
                if let key = witness.verifierKey { print("              key \(key)") }
            }
        }
    }
}
