import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Rebuild a ledger from an export (stdin or a file) into a new database.",
        discussion: "Every line must be an entry in canonical form, in order, chained by prev. The result has the same root and head. With --from-key (the original signing key) it is checkpointed and writable; without it, it can be verified and read.")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The export file (default: stdin).")
    var file: String?

    @Option(name: .customLong("from-key"), help: "The original ledger's signing key file.")
    var fromKey: String?

    func run() async throws {
        try await reportingErrors {
            let input: FileHandle
            if let file {
                guard let handle = FileHandle(forReadingAtPath: file) else { throw LedgerError(.invalid_request, "cannot open \(file)") }
                input = handle
            } else {
                input = .standardInput
            }
            let summary = try LedgerService.importLedger(path: ledger.path, keyPath: fromKey, lines: LineReader(handle: input))
            print("imported \(summary.size) entries into \(ledger.path)")
            print("root: \(summary.root.hex)")
            print("head: \(summary.head.hex)")
            if !summary.signed { print("(no signing key given: the copy can be verified and read, not written)") }
        }
    }
}

/// Lines of a file, without their "\n", read in large chunks; a line longer
/// than an entry may be is refused rather than buffered without end.
struct LineReader: Sequence, IteratorProtocol {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    static let maxLine = Limits.entryBytes + 1

    init(handle: FileHandle) { self.handle = handle }

    mutating func next() -> Result<[UInt8], LedgerError>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return .success(line)
            }
            if buffer.count - start > Self.maxLine {
                finished = true
                buffer = []
                start = 0
                return .failure(LedgerError(.too_large, "a line is longer than \(Self.maxLine) bytes"))
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return .success(line)
            }
            let chunk = handle.readData(ofLength: 1 << 20)
            buffer.removeFirst(start)
            start = 0
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
