import ArgumentParser
import JiazhouCore
import JiazhouService

/// `jiazhou expire [--as-of TIME]`: writes off the points whose expiry date has passed.
struct ExpireCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expire",
        abstract: "Write off every lot of points whose expiry date has passed, oldest first, to sink:expired.",
        discussion: "One entry per volunteer. Running it again for the same time writes nothing new. Service hours never expire."
    )

    @OptionGroup var ledger: LedgerOptions

    @Option(name: .customLong("as-of"), help: "RFC 3339 time (default: now); not in the future.")
    var asOf: String?

    @Option(help: "The acting principal (an operator).")
    var actor: String = AccountID.rootOperator.text

    func run() async throws {
        try await reportingErrors {
            let result = try await ledger.open().expire(ExpireRequest(asOf: asOf), actor: try AccountID(actor), key: nil)
            if result.seqs.isEmpty {
                print("nothing to expire\(asOf.map { " as of \($0)" } ?? "")")
            } else {
                print("expired \(result.pointsTotal) points of \(result.volunteers) volunteers in \(result.seqs.count) entries (\(result.seqs.first!)…\(result.seqs.last!))")
            }
        }
    }
}
