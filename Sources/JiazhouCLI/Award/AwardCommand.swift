import ArgumentParser

/// `jiazhou award …`: awards from the command line.
struct AwardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "award",
        abstract: "Award points from the command line.",
        subcommands: [AwardImportCommand.self]
    )
}
