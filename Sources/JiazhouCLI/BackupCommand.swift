import ArgumentParser
import JiazhouCore
import JiazhouService

/// `jiazhou backup --to FILE`: an online copy of the ledger, safe while it serves.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the ledger to a new file with SQLite's online backup, safe while `serve` or `rpc` writes.",
        discussion: """
            The copy is a consistent snapshot; `jiazhou verify --db FILE` checks it. The signing key is never in \
            the database: keep a copy of the key file (DB.key) apart, or restore into a read-only, verifiable ledger.
            """
    )

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The new file to write.")
    var to: String

    func run() async throws {
        try await reportingErrors {
            // PostgreSQL backs itself up (pg_dump): the store says how, before any key is asked for.
            if LedgerService.isPostgresURL(ledger.path) { try LedgerService.refuseBackup(ofPostgres: ledger.path, to: to) }
            let service = try ledger.open(readonly: true)
            let head = try service.backup(to: to)
            print("backed up \(head.size) entries to \(to)")
            print("root: \(head.root.hex)")
            Terminal.note("the signing key is not in the backup: keep \(ledger.key ?? ledger.path + ".key") safe apart from it")
        }
    }
}
