import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a new ledger and its signing key; publish the first rule set.")

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The checkpoint origin and key name.")
    var origin = "jiazhou.example/shizhong"

    @Option(help: "The top scope of the governance tree (the operator's).")
    var district = "shizhong"

    @Option(help: "A rule-set YAML file to publish instead of the built-in default.")
    var rules: String?

    func run() async throws {
        try await reportingErrors {
            let ruleText: String
            if let rules {
                guard let data = FileManager.default.contents(atPath: rules), let text = String(data: data, encoding: .utf8) else {
                    throw LedgerError(.invalid_request, "cannot read the rule set \(rules) as UTF-8 text")
                }
                ruleText = text
            } else {
                ruleText = LedgerSetup(origin: origin, district: try Scope(district)).rules
            }
            let service = try await LedgerService.initialize(
                path: ledger.path, keyPath: ledger.key, setup: LedgerSetup(origin: origin, district: try Scope(district), rules: ruleText))
            let info = try service.info()
            print("created \(ledger.path) (\(info.size) entries)")
            print("signing key: \(ledger.key ?? ledger.path + ".key") (mode 0600; keep it beside the database, never in it)")
            print("verifier key: \(info.verifierKey)")
        }
    }
}
