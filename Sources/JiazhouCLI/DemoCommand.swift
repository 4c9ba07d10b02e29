import ArgumentParser

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Build the demo district from seeds/ and play a week.")
    func run() async throws {}
}
