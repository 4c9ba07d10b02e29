import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouNationalCrypto
import JiazhouRules
import JiazhouService
import JiazhouStore

/// `jiazhou bench suites`: the two hash suites side by side on the same
/// machine in one run — appends, verify, proofs and checkpoint signatures
/// through the ledger, the primitives under them, and `openssl speed` for
/// SHA-256 and SM3 as the ceiling a hash could reach.
struct SuiteBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suites",
        abstract: "Compare the hash suites sha256-ed25519 and sm3-sm2: appends, verify, proofs, checkpoint signatures; openssl speed as the ceiling.")

    // Not `--entries`: `jiazhou bench` has an option of that name, and
    // ArgumentParser gives a value to the parent's option first.
    @Option(help: "Awards appended to each suite's ledger (in one transaction), then verified.")
    var awards = 20_000

    @Option(help: "Inclusion proofs made and checked, per suite.")
    var proofs = 2_000

    @Option(help: "Checkpoints signed and verified, per suite.")
    var signatures = 2_000

    @Option(help: "Seconds per primitive measured (SM3, SHA-256, SM2, Ed25519 on 100-byte messages); 0 skips them.")
    var primitiveSeconds = 0.5

    @Flag(help: "Skip `openssl speed`.")
    var noOpenssl = false

    func run() async throws {
        try await reportingErrors {
            #if DEBUG
            Terminal.note("note: this is a debug build; for real figures run `swift build -c release` and .build/release/jiazhou bench suites")
            #endif
            guard awards >= 1000, proofs >= 10, signatures >= 10, primitiveSeconds >= 0 else {
                throw LedgerError(.invalid_request, "use at least --awards 1000, --proofs 10 and --signatures 10")
            }
            let suites = try SuiteCatalog.standard.names.map { name throws(LedgerError) in try SuiteCatalog.standard.suite(named: name) }
            print("jiazhou bench suites: \(awards) awards, \(proofs) proofs, \(signatures) signatures per suite, \(ProcessInfo.processInfo.activeProcessorCount) cores\n")
            var columns: [[String: Double]] = []
            for suite in suites { columns.append(try await measure(suite)) }
            table(suites, columns)
            if primitiveSeconds > 0 { try primitives() }
            if !noOpenssl { opensslSpeed() }
        }
    }

    /// One suite's figures, by row name.
    private func measure(_ suite: HashSuite) async throws -> [String: Double] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-bench-suites-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var figures: [String: Double] = [:]

        let buffer = [UInt8](repeating: 0x5A, count: 400)
        var sink: UInt8 = 0
        let hashes = 200_000
        figures["leaf"] = LedgerBench.rate(hashes, LedgerBench.time { for _ in 0..<hashes { sink ^= suite.leafHash(buffer).bytes[0] } })

        let service = try await LedgerService.initialize(
            path: directory + "/ledger.sqlite",
            setup: LedgerSetup(origin: "jiazhou.bench/shizhong", district: try Scope("shizhong"), suite: suite))
        try await LedgerBench.openAccounts(service)
        let rules = try RuleSet(yaml: DefaultRuleSet.text)
        let (count, time) = (awards, SystemClock().now())
        let appendSeconds = try await LedgerBench.time {
            try await service.appendBatch { writer in
                for i in 0..<count { try writer.append(try LedgerBench.award(i, writer: writer, rules: rules, time: time)) }
            }
        }
        figures["append"] = LedgerBench.rate(awards, appendSeconds)

        var report: VerifyReport?
        let verifySeconds = try LedgerBench.time { report = try LedgerService.verify(store: service.store, semantic: false) }
        guard let report, report.ok else { throw LedgerError(.ledger_invalid, "the \(suite.name) bench ledger does not verify") }
        figures["verify"] = LedgerBench.rate(Int(report.size), verifySeconds)

        let size = try service.info().size
        var generator = SplitMixGenerator(seed: 17)
        var made: [InclusionProofResult] = []
        let proveSeconds = try LedgerBench.time {
            for _ in 0..<proofs {
                made.append(try service.inclusionProof(InclusionProofRequest(seq: Int64.random(in: 0..<size, using: &generator)), actor: .rootOperator))
            }
        }
        figures["prove"] = LedgerBench.rate(proofs, proveSeconds)
        var valid = 0
        let checkSeconds = LedgerBench.time {
            for result in made where result.proof.verifies(leafHash: result.leafHash, root: result.root, using: suite) { valid += 1 }
        }
        guard valid == made.count else { throw LedgerError(.ledger_invalid, "\(made.count - valid) \(suite.name) proofs did not verify") }
        figures["check"] = LedgerBench.rate(proofs, checkSeconds)

        let signer = try suite.generateSigner(name: "jiazhou.bench/shizhong", randomBytes: { SystemRandom().bytes($0) })
        let bodies = (0..<signatures).map { Checkpoint(origin: signer.name, size: Int64(size) + Int64($0), root: made[$0 % made.count].root).body }
        var notes: [String] = []
        notes.reserveCapacity(signatures)
        let signSeconds = try LedgerBench.time { for body in bodies { notes.append(try signer.signNote(body)) } }
        figures["sign"] = LedgerBench.rate(signatures, signSeconds)
        let verifier = signer.verifier
        var verified = 0
        let openSeconds = try LedgerBench.time {
            for note in notes where try Checkpoint.verified(note: note, by: verifier).size >= 0 { verified += 1 }
        }
        guard verified == notes.count else { throw LedgerError(.ledger_invalid, "\(suite.name) checkpoints did not verify") }
        figures["open"] = LedgerBench.rate(signatures, openSeconds)
        if sink == 0x5A && hashes == 0 { print(sink) }
        return figures
    }

    private static let rows: [(key: String, name: String, unit: String)] = [
        ("leaf", "leaf hash, 400 bytes", "hashes/s"),
        ("append", "append, one transaction", "entries/s"),
        ("verify", "verify", "entries/s"),
        ("prove", "inclusion proof, made", "proofs/s"),
        ("check", "inclusion proof, checked", "proofs/s"),
        ("sign", "checkpoint signature", "signatures/s"),
        ("open", "checkpoint verification", "notes/s"),
    ]

    private func table(_ suites: [HashSuite], _ columns: [[String: Double]]) {
        func cell(_ text: String, _ width: Int = 22) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        let ratioHeader = suites.count == 2 ? "\(suites[1].name) / \(suites[0].name)" : ""
        print(cell("", 30) + suites.map { cell($0.name) }.joined() + ratioHeader)
        print(cell("", 30) + suites.map { cell("\($0.hashName) + \($0.signatureName)") }.joined())
        for row in Self.rows {
            let values = columns.map { $0[row.key] ?? 0 }
            let ratio = values.count == 2 && values[0] > 0 ? String(format: "%.2f×", values[1] / values[0]) : ""
            print(cell(row.name, 30) + values.map { cell("\(LedgerBench.format($0)) \(row.unit)") }.joined() + ratio)
        }
        print("\nappend and verify include parsing, pricing, SQLite and balances: the hash is one part of them.")
    }

    /// The primitives under the suites, on one thread (JiazhouNationalCrypto's SuiteMeasurement).
    private func primitives() throws {
        print("\nprimitives, one thread, 100-byte messages (fastest of 5 rounds):")
        let figures: [SuiteMeasurement.Figure]
        do { figures = try SuiteMeasurement.run(secondsEach: primitiveSeconds) } catch {
            throw LedgerError(.storage_unavailable, "libcrypto failed while measuring: \(error.message)", cause: error.cause)
        }
        for figure in figures {
            print("  " + "\(LedgerBench.format(figure.operationsPerSecond))/s".padding(toLength: 16, withPad: " ", startingAt: 0) + figure.operation)
        }
    }

    /// `openssl speed` for SHA-256 and SM3: the ceiling of each hash on this
    /// machine, through the same libcrypto (SM3) or another implementation
    /// of the same function (swift-crypto's SHA-256).
    private func opensslSpeed() {
        print("\nthe ceiling: openssl speed -seconds 1 (1000s of bytes per second):")
        // OpenSSL 3.0's `speed` knows SM3 only through EVP; SHA-256 either way.
        var header: String?
        for arguments in [["sha256"], ["-evp", "sm3"]] {
            guard let output = OpenSSLCommand.run(["speed", "-seconds", "1"] + arguments) else {
                print("  (openssl speed could not be run; is the openssl command installed?)")
                return
            }
            let lines = output.split(separator: "\n").map(String.init)
            if header == nil, let found = lines.last(where: { $0.hasPrefix("type") }) {
                header = found
                print("  " + found)
            }
            if let figures = lines.last(where: { $0.hasPrefix(arguments.last!) }) { print("  " + figures) }
        }
    }
}
