import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the demo district from seeds/, play a week of it, print a summary and verify the chain.",
        discussion: "Creates a fresh ledger (by default .demo/jiazhou-demo.sqlite, replaced on each run), opens the district's accounts, awards a week of activities, makes and reverses a mistaken award, awards a clean-up sheet of 200 participants, plays a merchant day (codes, redemptions, a reversed redemption, expiry, settlement), and ends with `verify`.")

    @Option(help: "Where to create the demo ledger (must not exist; default .demo/jiazhou-demo.sqlite, replaced).")
    var db: String?

    @Option(help: "A seeds folder to read instead of the demo world built into jiazhou (seeds/ of the repository).")
    var seeds: String?

    @Flag(help: "Then serve the demo ledger (pages and API) on loopback and print a sign-in link for a volunteer, a merchant, a coordinator and the operator.")
    var serve = false

    @Option(help: "With --serve: the port to listen on; 0 picks a free one.")
    var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() async throws {
        try await reportingErrors {
            let unpacked = seeds == nil ? try EmbeddedSeeds.unpack() : nil
            defer { unpacked.map(EmbeddedSeeds.remove) }
            let seeds = self.seeds ?? unpacked!
            let world = try DemoWorld(directory: seeds)
            let path = try preparePath()
            let clock = SimulatedClock(Timestamp(rfc3339: "2026-11-22T20:00:00+08:00")!)
            let service = try await LedgerService.initialize(
                path: path, setup: LedgerSetup(origin: "jiazhou.example/shizhong", district: try Scope(world.tree.district.id)), clock: clock)
            print("嘉州积分 Jiazhou Points — demo of \(world.tree.district.name) (\(path))\n")
            var play = DemoPlay(service: service, world: world, clock: clock)
            try await play.openAccounts()
            try await play.playWeek()
            try await play.showIdempotency()
            try await play.correctMistake()
            try await play.importSheet(seeds: seeds)
            try await play.importWorkbook(seeds: seeds)
            try await play.playMerchantDay()
            try DemoSummary(service: service, world: world, play: play).print()
            let started = Date()
            let report = try service.verify(VerifyRequest(semantic: true), actor: .rootOperator)
            let seconds = Date().timeIntervalSince(started)
            Swift.print("\nverify --semantic: \(report.ok ? "ok" : "FAILED") — \(report.size) entries, \(report.checkpoints) signed checkpoints, \(report.awardsRepriced) awards re-priced, balances and zero sum recomputed (\(String(format: "%.2f", seconds)) s)")
            for problem in report.problems { Swift.print("  \(problem)") }
            Swift.print("\ntry: jiazhou balance --db \(path) \(play.sampleVolunteer?.text ?? "volunteer:V000001")")
            Swift.print("     jiazhou history --db \(path) \(play.sampleVolunteer?.text ?? "volunteer:V000001")")
            Swift.print("     jiazhou verify --db \(path)")
            if !report.ok { throw ExitCode(1) }
            if serve { try await DemoServer(path: path, world: world, volunteer: play.sampleVolunteer).run(port: port) }
        }
    }

    /// The default path is the demo's own and is replaced; a given path must be new.
    private func preparePath() throws -> String {
        if let db { return db }
        let directory = ".demo"
        let path = directory + "/jiazhou-demo.sqlite"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return path
    }
}
