import ArgumentParser
import Foundation
import JiazhouService

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every entry's canonical bytes, one per line, to stdout.")

    @OptionGroup var ledger: LedgerOptions

    func run() async throws {
        try await reportingErrors {
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            try LedgerService.export(path: ledger.path) { line in
                buffer.append(contentsOf: line)
                if buffer.count >= 1 << 20 {
                    FileHandle.standardOutput.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            FileHandle.standardOutput.write(Data(buffer))
        }
    }
}
