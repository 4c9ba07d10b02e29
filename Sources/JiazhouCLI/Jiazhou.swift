import ArgumentParser

/// The `jiazhou` executable: the composition root. One command a file.
@main
struct Jiazhou: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jiazhou",
        abstract: "Jiazhou Points (嘉州积分): an append-only, hash-chained, Merkle-proven volunteer points ledger.",
        subcommands: [AwardCommand.self, BackupCommand.self, ExpireCommand.self, 
            InitCommand.self, DemoCommand.self, InfoCommand.self, VerifyCommand.self, BalanceCommand.self, HistoryCommand.self,
            CheckpointCommand.self, ProveCommand.self, VerifyProofCommand.self, StatementCommand.self, VerifyStatementCommand.self, AuditCommand.self,
            ExportCommand.self, ImportCommand.self, BenchCommand.self, RPCCommand.self, RulesCommand.self, ServeCommand.self, TokenCommand.self,
            ReportCommand.self, TilesCommand.self, WitnessCommand.self,
        ]
    )
}
