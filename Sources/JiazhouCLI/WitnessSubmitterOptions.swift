import ArgumentParser
import JiazhouCore
import JiazhouService
import JiazhouWitness
import Logging

/// `--witness URL=VKEY` of `jiazhou serve` and `jiazhou rpc`: witnesses the
/// ledger submits its checkpoints to in the background (SPEC §16).
struct WitnessSubmitterOptions: ParsableArguments {
    @Option(
        name: .customLong("witness"),
        help: "A witness to submit checkpoints to, URL=VKEY: its submission prefix (POST URL/add-checkpoint) and its verifier key; repeatable.")
    var witnesses: [String] = []

    @Option(name: .customLong("witness-poll"), help: "Seconds between looks for a new checkpoint to submit.")
    var pollSeconds: Double = 1

    func validate() throws {
        guard pollSeconds >= 0.01, pollSeconds <= 3600 else { throw ValidationError("--witness-poll must be from 0.01 to 3600 seconds") }
        guard witnesses.count <= Limits.witnesses else { throw ValidationError("at most \(Limits.witnesses) --witness") }
        for witness in witnesses {
            do { _ = try WitnessSubmitter.Target(argument: witness) } catch { throw ValidationError(error.message) }
        }
    }

    /// Runs `body` while the submitter runs beside it; stops the submitter when `body` returns.
    func whileSubmitting<T>(service: LedgerService, logger: Logger, _ body: () async throws -> T) async throws -> T {
        guard !witnesses.isEmpty else { return try await body() }
        let targets = try witnesses.map { argument throws(LedgerError) in try WitnessSubmitter.Target(argument: argument) }
        let timing = WitnessSubmitter.Timing(pollSeconds: pollSeconds, firstRetrySeconds: max(pollSeconds, 0.2))
        let submitter = WitnessSubmitter(service: service, witnesses: targets, timing: timing, logger: logger)
        let task = Task { await submitter.run() }
        defer { task.cancel() }
        let result = try await body()
        task.cancel()
        await task.value
        return result
    }
}
