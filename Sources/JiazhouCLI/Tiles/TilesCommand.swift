import ArgumentParser
import JiazhouService

struct TilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiles",
        abstract: "Write the ledger's tree as static C2SP tlog-tiles files, for any web server or object store to publish.",
        discussion: """
            Writes DIR/checkpoint and DIR/tile/… (hash tiles and entry bundles), the same files `jiazhou serve` answers \
            under /tlog/. Run it again after new entries: full tiles already written are kept, only new or grown ones \
            are written, and the checkpoint last. Check a mirror with `jiazhou audit --tiles DIR|URL`.
            """)

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The folder to write (made if missing).")
    var to: String

    func run() async throws {
        try await reportingErrors {
            let report = try ledger.open(readonly: true).mirrorTiles(to: to)
            print("tiles of \(report.size) entries in \(to): \(report.written) written (\(report.bytesWritten) bytes), \(report.kept) kept")
        }
    }
}
