import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

/// `jiazhou bench`: the ledger's figures by default (`bench ledger`), or one
/// of the focused benchmarks. The ledger's options live on its own
/// subcommand, not here: an option of the parent would take `--entries`
/// from every subcommand (it did: `bench proofs --entries N` ignored N).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the ledger's hot paths against plain SQLite and raw SHA-256; print figures and ratios.",
        discussion: "Run a release build for meaningful figures: swift run -c release jiazhou bench. Figures, not pass/fail: the goals are printed beside them.",
        subcommands: [
            LedgerBenchCommand.self, RPCBenchCommand.self, ProofBenchCommand.self, RulesBenchCommand.self, ImportBenchCommand.self, ExpireBenchCommand.self,
            SuiteBenchCommand.self, BenchWriterCommand.self,
        ],
        defaultSubcommand: LedgerBenchCommand.self)
}

/// `jiazhou bench [ledger]`: appends, verification, reads and redemptions,
/// each beside a baseline measured in the same run.
struct LedgerBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Measure appends, verification and lookups against plain SQLite and raw SHA-256; print figures and ratios (the default).")

    @Option(help: "Entries appended in the batched run (and verified).")
    var entries = 1_000_000

    @Option(help: "Entries appended one durable transaction at a time.")
    var durable = 1_000

    @Option(help: "Award requests sent concurrently through the service (group commit).")
    var requests = 20_000

    @Option(help: "Folder for the benchmark's databases (default: a new temporary folder, removed afterwards).")
    var dir: String?

    @Option(
        help: ArgumentHelp(
            "An empty PostgreSQL database (postgres://user@host/dbname, made with createdb) to measure instead of SQLite.",
            discussion:
                "The ledger is written into it and kept; the baselines' tables are made beside it and dropped. The key file goes in --dir. Every figure is round trips there: start with --entries 20000 --requests 5000 --durable 200."))
    var db: String?

    func run() async throws {
        try await reportingErrors {
            #if DEBUG
            Terminal.note("note: this is a debug build; for real figures run `swift run -c release jiazhou bench`")
            #endif
            guard entries >= 1000, durable >= 10, requests >= 100 else {
                throw LedgerError(.invalid_request, "use at least --entries 1000, --durable 10 and --requests 100")
            }
            let directory = dir ?? FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-bench-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { if dir == nil { try? FileManager.default.removeItem(atPath: directory) } }
            let place: BenchPlace = try db.map { url throws(LedgerError) in
                guard LedgerService.isPostgresURL(url) else { throw LedgerError(.invalid_request, "--db takes a postgres:// URL; a SQLite benchmark keeps its files in --dir") }
                return .postgres(url: url, folder: directory)
            } ?? .sqlite(folder: directory)
            var bench = LedgerBench(place: place, entries: entries, durable: durable, requests: requests)
            try await bench.run()
        }
    }
}
