import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouRules
import JiazhouService
import JiazhouStore

/// `jiazhou bench proofs`: proof generation from stored subtrees at a large
/// size, verification, and the cost of signing a checkpoint per commit.
struct ProofBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proofs", abstract: "Measure inclusion and consistency proofs and checkpoint signing; print figures.")

    @Option(help: "Entries in the ledger the proofs are made over.")
    var entries = 1_000_000

    @Option(help: "Proofs of each kind to make and check.")
    var proofs = 2_000

    func run() async throws {
        try await reportingErrors {
            guard entries >= 1000, proofs >= 10 else { throw LedgerError(.invalid_request, "use at least --entries 1000 and --proofs 10") }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-bench-proofs-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let service = try await LedgerService.initialize(
                path: directory + "/ledger.sqlite", setup: LedgerSetup(origin: "jiazhou.bench/shizhong", district: try Scope("shizhong")))
            try await Self.fill(service, entries: entries)
            let size = try service.info().size
            print("jiazhou bench proofs: a ledger of \(size) entries\n")
            var rng = SystemRandomNumberGenerator()
            var inclusion: [InclusionProofResult] = []
            let inclusionSeconds = try LedgerBench.time {
                for _ in 0..<proofs {
                    inclusion.append(try service.inclusionProof(InclusionProofRequest(seq: Int64.random(in: 0..<size, using: &rng)), actor: .rootOperator))
                }
            }
            var consistency: [ConsistencyProofResult] = []
            let consistencySeconds = try LedgerBench.time {
                for _ in 0..<proofs {
                    let from = Int64.random(in: 1...size, using: &rng)
                    consistency.append(try service.consistencyProof(ConsistencyProofRequest(from: from, to: size), actor: .rootOperator))
                }
            }
            var ok = 0
            let verifySeconds = LedgerBench.time {
                for result in inclusion where result.proof.verifies(leafHash: result.leafHash, root: result.root, using: service.suite) { ok += 1 }
            }
            guard ok == inclusion.count else { throw LedgerError(.ledger_invalid, "\(inclusion.count - ok) proofs did not verify") }
            let signer = try NoteSigner.generate(name: "jiazhou.bench/shizhong")
            let signings = 5_000
            let signSeconds = LedgerBench.time {
                for i in 0..<signings { _ = signer.sign(Checkpoint(origin: signer.name, size: Int64(i), root: inclusion[0].root).body) }
            }
            func line(_ name: String, _ value: String, _ note: String) {
                print(name.padding(toLength: 34, withPad: " ", startingAt: 0) + value.padding(toLength: 22, withPad: " ", startingAt: 0) + note)
            }
            line("inclusion proof", String(format: "%.0f µs each", inclusionSeconds / Double(proofs) * 1e6), "goal < 0.2 ms at 1M entries; random seq at size \(size)")
            line("consistency proof", String(format: "%.0f µs each", consistencySeconds / Double(proofs) * 1e6), "goal < 0.2 ms at 1M entries; random size → \(size)")
            line("inclusion verification", "\(LedgerBench.format(LedgerBench.rate(proofs, verifySeconds)))/s", "RFC 9162 §2.1.3.2, \(inclusion.first?.path.count ?? 0) hashes a proof")
            line("checkpoint signing", String(format: "%.0f µs each", signSeconds / Double(signings) * 1e6), "Ed25519 over the note, once per commit")
        }
    }

    /// Opens the bench's accounts and appends `entries` awards in one transaction.
    static func fill(_ service: LedgerService, entries: Int) async throws {
        try await LedgerBench.openAccounts(service)
        let rules = try RuleSet(yaml: DefaultRuleSet.text)
        let time = SystemClock().now()
        try await service.appendBatch { writer in
            for i in 0..<entries { try writer.append(try LedgerBench.award(i, writer: writer, rules: rules, time: time)) }
        }
    }
}
