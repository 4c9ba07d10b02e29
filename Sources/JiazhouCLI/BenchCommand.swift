import ArgumentParser

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure appends, verification and lookups; print figures and ratios.")
    func run() async throws {}
}
