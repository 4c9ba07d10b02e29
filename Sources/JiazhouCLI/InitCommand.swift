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

    @Option(
        help: ArgumentHelp(
            "The hash suite, fixed for the life of the ledger: sha256-ed25519 (SHA-256, Ed25519) or sm3-sm2 (SM3, SM2).",
            discussion: "Choose sm3-sm2 for a system assessed for its use of commercial cryptography (密评); otherwise keep the default."))
    var suite = HashSuite.sha256Ed25519.name

    @Option(help: "The office named on certificates as their issuer (开具单位; default: \(LedgerService.defaultCertificateOffice)).")
    var office: String?

    func run() async throws {
        try await reportingErrors {
            let hashSuite = try SuiteCatalog.standard.suite(named: suite)
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
                path: ledger.path, keyPath: ledger.key,
                setup: LedgerSetup(origin: origin, district: try Scope(district), rules: ruleText, suite: hashSuite, office: office))
            let info = try service.info()
            print("created \(LedgerService.displayName(ledger.path)) (\(info.size) entries)")
            print("hash suite: \(hashSuite.name) (\(hashSuite.hashName) hashes, \(hashSuite.signatureName) checkpoint signatures)")
            print("signing key: \(ledger.key ?? ledger.path + ".key") (mode 0600; keep it apart from the database, never in it)")
            print("verifier key: \(info.verifierKey)")
        }
    }
}
