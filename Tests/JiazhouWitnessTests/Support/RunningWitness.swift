import Foundation
import JiazhouCore
import JiazhouService
import JiazhouWitness
import NIOCore
import Testing

/// A witness's HTTP server on a loopback port, in this process.
struct RunningWitness {
    let key: CosignatureSigner
    let port: Int
    let task: Task<Void, any Error>

    var url: String { "http://127.0.0.1:\(port)" }
    var target: WitnessSubmitter.Target { WitnessSubmitter.Target(url: url, verifier: key.verifier) }

    /// Starts a witness of `ledger` on `port` (0: any free one) over the state file `statePath`.
    static func start(_ key: CosignatureSigner, statePath: String, ledger: LedgerService, port: Int = 0) async throws -> RunningWitness {
        let witness = try Witness(
            signer: key, logs: [try WitnessLog(origin: ledger.origin, verifierKey: ledger.verifierKey)], state: try WitnessState(path: statePath),
            now: { UInt64(Date().timeIntervalSince1970) }, logger: quiet)
        let server = WitnessServer(witness: witness, host: "127.0.0.1", port: port, logger: quiet)
        let (bound, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { address in continuation.yield(address.port ?? 0) } }
        guard let port = await bound.first(where: { _ in true }) else { throw CancellationError() }
        return RunningWitness(key: key, port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// A submitter that looks often and retries soon, for tests.
func fastSubmitter(_ ledger: LedgerService, _ witnesses: [WitnessSubmitter.Target]) -> WitnessSubmitter {
    WitnessSubmitter(
        service: ledger, witnesses: witnesses,
        timing: .init(pollSeconds: 0.05, firstRetrySeconds: 0.1, maxRetrySeconds: 0.4, requestTimeoutSeconds: 5), logger: quiet)
}

/// Whether every one of `witnesses` has cosigned `ledger`'s latest checkpoint, as the ledger keeps it.
func allCosignedLatest(_ ledger: LedgerService, _ witnesses: [RunningWitness]) throws -> Bool {
    let size = try ledger.latestCheckpointSize()
    return try witnesses.allSatisfy { try ledger.cosignedSize(by: $0.key.verifier) == size }
}
