import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute everything from the stored bytes; exit 1 if anything is wrong.",
        discussion: "Checks every leaf hash, prev link and seq, canonical form, Merkle subtree, checkpoint root and signature, every balance from the postings and the zero sum. Needs no signing key.")

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: "Also re-price every award from its facts and the rule set it names.")
    var semantic = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        try await reportingErrors {
            let started = Date()
            let report = try LedgerService.verify(path: ledger.path, semantic: semantic)
            if json {
                print(String(decoding: try JSONEncoder.pretty.encode(report), as: UTF8.self))
            } else {
                let seconds = Date().timeIntervalSince(started)
                print("\(report.ok ? "ok" : "FAILED"): \(report.size) entries, \(report.accounts) accounts, \(report.checkpoints) checkpoints\(semantic ? ", \(report.awardsRepriced) awards re-priced" : "") in \(String(format: "%.2f", seconds)) s")
                print("root: \(report.root.hex)")
                for problem in report.problems { print("  \(problem)") }
            }
            if !report.ok { throw ExitCode(1) }
        }
    }
}

extension JSONEncoder {
    static var pretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
