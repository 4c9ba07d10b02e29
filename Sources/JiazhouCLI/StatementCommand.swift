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

    @Flag(help: "Issue a numbered certificate (证明编号): the ledger keeps this statement under the number's hash, so that whoever holds the number can fetch and check it; the HTML prints the issuing office, the date and the number.")
    var issue = false

    @Option(help: "With --issue: the address of `jiazhou serve`'s pages, e.g. https://points.example; prints the public check link BASE_URL/#check=NUMBER, and the HTML carries it as a QR code.")
    var checkLink: String?

    @Option(help: "The principal asking (default: the operator).")
    var actor = AccountID.rootOperator

    func validate() throws {
        if issue && withProfile {
            throw ValidationError("--issue makes a certificate that whoever holds its number can fetch, so it carries no personal data: leave out --with-profile")
        }
        if checkLink != nil && !issue { throw ValidationError("--check-link needs --issue: the link carries the certificate's number") }
        if let checkLink, !(checkLink.hasPrefix("http://") || checkLink.hasPrefix("https://")) || checkLink.contains("#") {
            throw ValidationError("--check-link must be an http:// or https:// address without a fragment")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let statement: Statement
            var certificate: Certificate
            if issue {
                let service = try ledger.open()
                let issued = try await service.issueCertificate(CertificateIssueRequest(volunteer: volunteer), actor: actor, key: nil)
                statement = issued.statement
                certificate = Certificate(statement: statement, issued: issued, checkLink: checkLink.map { CheckLink.make(base: $0, number: issued.number) })
                Terminal.note("certificate \(issued.number) issued by \(issued.office) on \(Certificate.day(issued.issued)); keep the number: it is what fetches this statement")
                if let link = certificate.checkLink { Terminal.note("check link: \(link)") }
            } else {
                statement = try ledger.open(readonly: true).statement(StatementRequest(volunteer: volunteer, withProfile: withProfile), actor: actor)
                certificate = Certificate(statement: statement)
            }
            print(String(decoding: try JSONEncoder.pretty.encode(statement), as: UTF8.self))
            if let html {
                guard FileManager.default.createFile(atPath: html, contents: Data(try certificate.html().utf8)) else {
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
