import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

struct StatementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "A volunteer's provable record of service (志愿服务证明): JSON, and optionally a printable HTML certificate.",
        discussion: "Every entry carries its inclusion proof against one signed checkpoint; `jiazhou verify-statement FILE --key KEY` checks it offline. Personal data appears only with --with-profile (operators only).")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The volunteer, e.g. volunteer:V000123.")
    var volunteer: AccountID

    @Option(help: "Also write the printable certificate to this HTML file.")
    var html: String?

    @Flag(help: "Include the name and phone kept off the chain, and the salt that proves them.")
    var withProfile = false

    @Option(help: "The principal asking (default: the operator).")
    var actor = AccountID.rootOperator

    func run() async throws {
        try await reportingErrors {
            let service = try ledger.open(readonly: true)
            let statement = try service.statement(StatementRequest(volunteer: volunteer, withProfile: withProfile), actor: actor)
            print(String(decoding: try JSONEncoder.pretty.encode(statement), as: UTF8.self))
            if let html {
                guard FileManager.default.createFile(atPath: html, contents: Data(Certificate(statement: statement).html.utf8)) else {
                    throw LedgerError(.storage_unavailable, "cannot write \(html)")
                }
                Terminal.note("certificate written to \(html)")
            }
        }
    }
}

struct VerifyStatementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-statement",
        abstract: "Check a volunteer's statement offline, with nothing but the verifier key.")

    @Argument(help: "The statement (JSON from `jiazhou statement`).")
    var file: String

    @Option(help: VerifierKeyHelp.text)
    var key: String

    @OptionGroup var witnesses: WitnessOptions

    func run() async throws {
        try await reportingErrors {
            let statement = try readDocument(Statement.self, from: file, madeBy: "jiazhou statement")
            let report = StatementVerifier.verify(statement, verifierKey: key, witnesses: try witnesses.policy())
            guard report.ok, let checkpoint = report.checkpoint else {
                for problem in report.problems { print("FAILED: \(problem)") }
                throw ExitCode(1)
            }
            print("ok: \(statement.volunteer): \(statement.entries.count) entries proven in \(checkpoint.origin) at size \(checkpoint.size)\(try witnesses.summary(note: statement.checkpoint))")
            print("    \(statement.minutes / 60) h \(statement.minutes % 60) min of service, \(statement.stars)★, \(statement.earned) points earned, balance \(statement.balance)")
        }
    }
}
