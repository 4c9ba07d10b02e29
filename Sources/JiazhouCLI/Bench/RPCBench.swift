import ArgumentParser
import Foundation
import JiazhouCore

/// `jiazhou bench rpc`: a real `jiazhou rpc` process driven over pipes, as an
/// integrator's program would: pipelined awards (durable, group-committed),
/// pipelined `account.get`, and the round trip of a single request.
/// Figures, not pass/fail: the goals are printed beside them.
struct RPCBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpc",
        abstract: "Drive a real `jiazhou rpc` over pipes: pipelined awards/s, pipelined account.get/s, round-trip latency.",
        discussion: "Run a release build for meaningful figures: swift build -c release, then .build/release/jiazhou bench rpc.")

    @Option(help: "Awards sent pipelined (each durable before it is answered).")
    var awards = 20_000

    @Option(help: "account.get requests sent pipelined.")
    var reads = 200_000

    @Option(help: "Single request-response round trips timed, for account.get (a tenth of them for award).")
    var roundTrips = 2_000

    @Option(help: "Volunteers opened and awarded in turn.")
    var volunteers = 1_000

    /// Not `--dir`: `jiazhou bench` has that option, and a parent's option wins.
    @Option(name: .customLong("ledger-dir"), help: "Folder for the benchmark's ledger (default: a new temporary folder, removed afterwards).")
    var ledgerDirectory: String?

    func run() async throws {
        try await reportingErrors {
            #if DEBUG
            Terminal.note("note: this is a debug build; for real figures use a release build (swift build -c release)")
            #endif
            guard awards >= 100, reads >= 100, roundTrips >= 100, volunteers >= 1 else {
                throw LedgerError(.invalid_request, "use at least --awards 100, --reads 100, --round-trips 100 and --volunteers 1")
            }
            let directory = ledgerDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-bench-rpc-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { if ledgerDirectory == nil { try? FileManager.default.removeItem(atPath: directory) } }
            try measure(in: directory)
        }
    }

    private func measure(in directory: String) throws {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let database = directory + "/rpc.sqlite"
        let initialize = Process()
        initialize.executableURL = URL(fileURLWithPath: executable)
        initialize.arguments = ["init", "--db", database, "--origin", "jiazhou.bench/shizhong"]
        initialize.standardOutput = FileHandle.nullDevice
        try initialize.run()
        initialize.waitUntilExit()
        guard initialize.terminationStatus == 0 else { throw LedgerError(.storage_unavailable, "jiazhou init failed in \(directory)") }

        print("jiazhou bench rpc: \(ProcessInfo.processInfo.activeProcessorCount) cores, a `jiazhou rpc` child over pipes, in \(directory)\n")
        let server = try RPCBenchServer(executable: executable, database: database)
        let setup = try server.pipeline([Self.openIssuer(id: 0)] + (0..<volunteers).map { Self.openVolunteer(id: $0 + 1, $0) })
        try Self.require(setup, "opening the accounts")

        // One hour a volunteer a day, a new day each round of volunteers: every
        // award stays inside the default rule set's caps (8 h and 150 points a
        // day, 600 a week), so that the benchmark measures awards, not refusals.
        let awardLines = (0..<awards).map { Self.award(id: $0, $0 % volunteers, day: $0 / volunteers, key: "bench-\($0)") }
        let awarded = try server.pipeline(awardLines)
        try Self.require(awarded, "the awards")
        line("pipelined awards (durable)", "\(Self.format(Double(awards) / awarded.seconds)) /s", "goal ≥ 20,000/s; \(awards) awards, each answered once its commit is durable")

        let readLines = (0..<reads).map { Self.accountGet(id: $0, $0 % volunteers) }
        let read = try server.pipeline(readLines)
        try Self.require(read, "the reads")
        line("pipelined account.get", "\(Self.format(Double(reads) / read.seconds)) /s", "goal ≥ 100,000/s; \(reads) requests")

        let readTrips = try (0..<roundTrips).map { try server.roundTrip(Self.accountGet(id: $0, $0 % volunteers)) }
        line("round trip, account.get", Self.percentiles(readTrips), "p50 / p99 of \(roundTrips) requests, one at a time")
        let awardTrips = try (0..<max(10, roundTrips / 10)).map { try server.roundTrip(Self.award(id: $0, $0 % volunteers, day: (awards - 1) / volunteers + 1 + $0 / volunteers, key: "trip-\($0)")) }
        line("round trip, award", Self.percentiles(awardTrips), "p50 / p99 of \(awardTrips.count) awards, one at a time: one fsync each")

        let status = try server.finish()
        guard status == 0 else { throw LedgerError(.storage_unavailable, "jiazhou rpc exited with status \(status)") }
    }

    private static func require(_ run: RPCBenchServer.Run, _ what: String) throws {
        guard run.errors == 0 else {
            throw LedgerError(.invalid_request, "\(run.errors) of \(what) were refused; the first: \(run.firstError ?? "")")
        }
    }

    private func line(_ name: String, _ value: String, _ note: String) {
        print(name.padding(toLength: 30, withPad: " ", startingAt: 0) + value.padding(toLength: 26, withPad: " ", startingAt: 0) + note)
    }

    private static func format(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        return formatter.string(from: NSNumber(value: value)) ?? "\(Int(value))"
    }

    private static func percentiles(_ seconds: [Double]) -> String {
        let sorted = seconds.sorted()
        let p50 = sorted[sorted.count / 2] * 1e6
        let p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))] * 1e6
        return String(format: "%.0f µs / %.0f µs", p50, p99)
    }

    // MARK: Requests

    private static func request(id: Int, method: String, params: JSONValue) -> String {
        JSONValue.object(["jsonrpc": "2.0", "id": .integer(Int64(id)), "method": .string(method), "params": params]).canonicalText
    }

    private static func volunteer(_ n: Int) -> JSONValue { .string(String(format: "volunteer:B%06d", n)) }

    static func openIssuer(id: Int) -> String {
        request(id: id, method: "account.open", params: ["actor": "operator:root", "account": "issuer:shizhong", "scope": "shizhong"])
    }

    static func openVolunteer(id: Int, _ n: Int) -> String {
        request(id: id, method: "account.open", params: ["actor": "operator:root", "account": volunteer(n), "scope": "shizhong/tongjiang/baiyang"])
    }

    /// An hour of `environment` service by volunteer `n` on the `day`-th day from 2025-01-06.
    static func award(id: Int, _ n: Int, day: Int, key: String) -> String {
        let first: Int64 = 1_736_123_400_000  // 2025-01-06T08:30:00+08:00
        let start = Timestamp(millisecondsSince1970: first + Int64(day) * 86_400_000).format(offsetMinutes: 480)
        let activity: JSONValue = [
            "id": .string("bench-\(id / 100)"), "category": "environment", "minutes": 60, "start": .string(start),
            "scope": "shizhong/tongjiang/baiyang",
        ]
        return request(id: id, method: "award", params: ["actor": "operator:root", "key": .string(key), "volunteer": volunteer(n), "activity": activity])
    }

    static func accountGet(id: Int, _ n: Int) -> String {
        request(id: id, method: "account.get", params: ["actor": "operator:root", "account": volunteer(n)])
    }
}
