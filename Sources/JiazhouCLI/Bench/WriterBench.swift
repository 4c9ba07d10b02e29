import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

/// `jiazhou bench --db postgres://…`'s figure for several servers on one
/// chain (SPEC §17): the same award requests split among 1, 2 and 4 writer
/// processes (`jiazhou bench writer`), each with its own group commit, all
/// taking turns at the head of one PostgreSQL ledger. Durable awards a second
/// over the span from the first process's start to the last one's end.
extension LedgerBench {
    static let writerCounts = [1, 2, 4]

    mutating func measureWriterProcesses() async throws {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        for (run, writers) in Self.writerCounts.enumerated() {
            // Every process connects and builds its requests first, then all start at once.
            let startAt = SystemClock().now().millisecondsSince1970 + 3_000
            let children = try (0..<writers).map { process in
                try WriterChild(
                    executable: executable,
                    arguments: [
                        "bench", "writer", "--db", place.ledger, "--key", place.key, "--run", "\(run)", "--process", "\(process)",
                        "--requests", "\(requests / writers)", "--start-at", "\(startAt)",
                    ])
            }
            let reports = try children.map { try $0.report() }
            let awards = reports.reduce(0) { $0 + $1.awards }
            let errors = reports.reduce(0) { $0 + $1.errors }
            let span = Double(reports.map(\.finished).max()! - reports.map(\.started).min()!) / 1000
            figures["writers\(writers)"] = Self.rate(awards, span)
            let failures = errors == 0 ? "" : "; \(errors) refused, first: \(reports.compactMap(\.firstError).first ?? "")"
            line(
                "awards, \(writers) writer process\(writers == 1 ? "" : "es")", "\(Self.format(figures["writers\(writers)"]!)) requests/s",
                "\(awards) durable awards, one chain\(failures)")
        }
    }
}

/// One `jiazhou bench writer` process, and the line it prints when done.
private struct WriterChild {
    let process = Process()
    let output = Pipe()
    let errors = Pipe()

    init(executable: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    func report() throws -> WriterReport {
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let report = try? JSONDecoder().decode(WriterReport.self, from: printed) else {
            throw LedgerError(
                .storage_unavailable,
                "a writer process failed (status \(process.terminationStatus)): \(String(decoding: complaint, as: UTF8.self))\(String(decoding: printed, as: UTF8.self))")
        }
        return report
    }
}

/// What a writer process did, as it prints it (one JSON line on stdout).
struct WriterReport: Codable {
    var awards: Int
    var errors: Int
    var firstError: String?
    /// Milliseconds since 1970, on this machine's clock (the processes share it).
    var started: Int64
    var finished: Int64
}

/// `jiazhou bench writer`: one of the writer processes of `bench --db postgres://…`.
struct BenchWriterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "writer", abstract: "One writer process of the several-writers figure (started by jiazhou bench).", shouldDisplay: false)

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "Which run of the benchmark this is (it picks the service day).")
    var run: Int

    @Option(help: "This process's number within the run (it picks the keys and activities).")
    var process: Int

    @Option(help: "Award requests to send, concurrently, through the service.")
    var requests: Int

    @Option(help: "When to start, in milliseconds since 1970.")
    var startAt: Int64

    func run() async throws {
        try await reportingErrors {
            let service = try ledger.open()
            let district = try Scope("shizhong")
            // A day of September for each run: no other figure awards then, so no cap is reached.
            let day = LedgerBench.serviceDay(250 + run)
            let tag = "w\(run)-\(process)"
            let awards = (0..<requests).map { i in
                (
                    AwardRequest(
                        volunteer: LedgerBench.volunteer(i % LedgerBench.volunteers),
                        activity: Activity(id: "\(tag)-\(i / 50)", category: "elder_care", minutes: 60, start: day, scope: district)),
                    "\(tag)-\(i)"
                )
            }
            let wait = startAt - SystemClock().now().millisecondsSince1970
            if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait) * 1_000_000) }
            let started = SystemClock().now().millisecondsSince1970
            let outcomes = try await DemoPlay.concurrently(awards, window: 512) { request, key -> String? in
                do {
                    _ = try await service.award(request, actor: .rootOperator, key: key)
                    return nil
                } catch let error as LedgerError { return "\(error.message) [\(error.reason.rawValue)]" } catch { return "\(error)" }
            }
            let finished = SystemClock().now().millisecondsSince1970
            let failures = outcomes.compactMap { $0 }
            let report = WriterReport(
                awards: requests - failures.count, errors: failures.count, firstError: failures.first, started: started, finished: finished)
            print(String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
        }
    }
}
