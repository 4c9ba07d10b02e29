import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

/// `jiazhou bench import`: a sheet of a million rows awarded end to end —
/// read, checked, priced, hashed, written, fsynced — by a real `jiazhou
/// award import` child, timed, with the child's peak memory.
struct ImportBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Award a generated sheet of --rows rows through `jiazhou award import`; print rows/s and peak memory.")

    @Option(help: "Rows in the sheet.")
    var rows = 1_000_000

    @Option(help: "Volunteers the rows are spread over (each once per activity, one activity a day).")
    var volunteers = 20_000

    func run() async throws {
        try await reportingErrors {
            guard rows >= 1000, (100...rows).contains(volunteers) else { throw LedgerError(.invalid_request, "use --rows ≥ 1000 and 100 ≤ --volunteers ≤ --rows") }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-bench-import-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let database = directory + "/ledger.sqlite"
            let service = try await LedgerService.initialize(path: database, setup: LedgerSetup(origin: "jiazhou.bench/shizhong", district: try Scope("shizhong")))
            try await LedgerBench.openAccounts(service, volunteers: volunteers)
            let sheet = directory + "/campaign.csv"
            let bytes = try Self.writeSheet(to: sheet, rows: rows, volunteers: volunteers)
            print("jiazhou bench import: \(rows) rows over \(volunteers) volunteers, \(rows / volunteers) activities; a \(bytes / 1_048_576) MiB UTF-8 sheet\n")
            let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
            let child = Process()
            child.executableURL = URL(fileURLWithPath: executable)
            child.arguments = ["award", "import", sheet, "--db", database, "--category", "environment", "--scope", "shizhong"]
            let output = Pipe()
            child.standardOutput = output
            child.standardError = FileHandle.nullDevice
            let started = Date()
            try child.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            child.waitUntilExit()
            let seconds = Date().timeIntervalSince(started)
            guard child.terminationStatus == 0 else { throw LedgerError(.storage_unavailable, "the import failed: \(text)") }
            var usage = rusage()
            getrusage(RUSAGE_CHILDREN.rawValue, &usage)
            let peakMiB = Double(usage.ru_maxrss) / 1024
            let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
            let rate = Double(rows) / seconds
            func line(_ name: String, _ value: String, _ note: String) {
                print(name.padding(toLength: 30, withPad: " ", startingAt: 0) + value.padding(toLength: 22, withPad: " ", startingAt: 0) + note)
            }
            line("rows awarded", "\(LedgerBench.format(rate))/s", String(format: "goal ≥ 100k/s: %.2f×; %.1f s for \(rows) rows", rate / 100_000, seconds))
            // On a busy machine the wall clock measures the neighbours too.
            line("rows per CPU-second", "\(LedgerBench.format(Double(rows) / cpu))/s", String(format: "the child used %.1f s of CPU: %.0f µs a row", cpu, cpu * 1e6 / Double(rows)))
            line("peak memory (RSS)", String(format: "%.0f MiB", peakMiB), String(format: "goal < 250 MB: %.2f×", peakMiB * 1.048576 / 250))
            print("\n" + text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// A campaign: activity k on day k, every volunteer once in each.
    static func writeSheet(to path: String, rows: Int, volunteers: Int) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw LedgerError(.storage_unavailable, "cannot write \(path)")
        }
        defer { try? handle.close() }
        var buffer = Array("活动编号,开始时间,志愿者编号,姓名,服务时长(分钟)\n".utf8)
        var written = 0
        for row in 0..<rows {
            let activity = row / volunteers
            buffer += "bench-\(activity),\(LedgerBench.serviceDay(activity)),\(LedgerBench.volunteer(row % volunteers).name),张三,\(30 + row % 8 * 15)\n".utf8
            if buffer.count > 1 << 20 {
                handle.write(Data(buffer))
                written += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer))
        return written + buffer.count
    }
}
