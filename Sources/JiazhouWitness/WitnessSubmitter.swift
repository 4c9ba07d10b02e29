import AsyncHTTPClient
public import JiazhouCore
public import JiazhouService
public import Logging
import NIOCore
import NIOHTTP1
import Foundation

/// The log's side of c2sp.org/tlog-witness: for each configured witness, a
/// loop that, when the ledger's latest checkpoint has grown past what the
/// witness last cosigned, submits that checkpoint with the consistency proof
/// from the witness's size, checks the cosignature it answers with the
/// witness's key, and keeps it in the ledger (Ledger/SPEC.md §16).
///
/// It only reads the ledger and writes cosignatures, never entries: a write
/// never waits for a witness, and a witness that is down only delays its
/// cosignatures. Only the latest checkpoint is sent (the witness's
/// cosignature of size n covers every size before it). Failures back off
/// exponentially, capped; a 409 is answered at once with the size the
/// witness gave.
///
/// ```swift
/// let submitter = WitnessSubmitter(service: ledger, witnesses: [try .init(argument: "http://127.0.0.1:8081=w1.example+…")], logger: logger)
/// let task = Task { await submitter.run() }    // until cancelled
/// ```
public struct WitnessSubmitter: Sendable {
    /// A witness to submit to, from `--witness URL=VKEY`: its submission
    /// prefix (`<URL>/add-checkpoint`) and its cosigner key.
    public struct Target: Sendable {
        public let url: String
        public let verifier: CosignatureVerifier

        public init(url: String, verifier: CosignatureVerifier) {
            self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
            self.verifier = verifier
        }

        /// Reads `URL=VKEY`, split at the first `=` after the URL's scheme and host.
        public init(argument: String) throws(LedgerError) {
            guard argument.hasPrefix("http://") || argument.hasPrefix("https://"), let split = argument.firstIndex(of: "=") else {
                throw LedgerError(.invalid_request, "--witness takes URL=VKEY, e.g. http://127.0.0.1:8081=witness.example/w1+dd1626a3+BKAy…")
            }
            self.init(url: String(argument[..<split]), verifier: try CosignatureVerifier(verifierKey: String(argument[argument.index(after: split)...])))
        }
    }

    /// How often to look for a new checkpoint, and how retries back off.
    public struct Timing: Sendable {
        public var pollSeconds: Double
        public var firstRetrySeconds: Double
        public var maxRetrySeconds: Double
        public var requestTimeoutSeconds: Int64

        public init(pollSeconds: Double = 1, firstRetrySeconds: Double = 1, maxRetrySeconds: Double = 300, requestTimeoutSeconds: Int64 = 30) {
            self.pollSeconds = pollSeconds
            self.firstRetrySeconds = firstRetrySeconds
            self.maxRetrySeconds = maxRetrySeconds
            self.requestTimeoutSeconds = requestTimeoutSeconds
        }
    }

    let service: LedgerService
    let witnesses: [Target]
    let timing: Timing
    let logger: Logger

    public init(service: LedgerService, witnesses: [Target], timing: Timing = Timing(), logger: Logger) {
        self.service = service
        self.witnesses = witnesses
        self.timing = timing
        self.logger = logger
    }

    /// Submits to every witness until the task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for target in witnesses {
                group.addTask { await self.loop(target) }
            }
        }
    }

    /// What one submission came to.
    enum Outcome: Equatable {
        /// Cosigned this size.
        case cosigned(Int64)
        /// The witness is at this size: submit again from it.
        case conflict(Int64)
        case failed(String)
    }

    func loop(_ target: Target) async {
        let id = LedgerService.witnessID(target.verifier)
        var known = (try? service.cosignedSize(by: target.verifier)) ?? 0
        var retry = timing.firstRetrySeconds
        var conflicts = 0
        while !Task.isCancelled {
            let latest = (try? service.latestCheckpointSize()) ?? 0
            guard latest > known || (latest > 0 && conflicts > 0) else {
                guard await Self.sleep(seconds: timing.pollSeconds) else { return }
                continue
            }
            switch await submit(to: target, old: known) {
            case .cosigned(let size):
                known = size
                retry = timing.firstRetrySeconds
                conflicts = 0
                logger.debug("cosigned", metadata: ["witness": "\(id)", "ledger.size": "\(size)"])
            case .conflict(let size) where conflicts < 2:
                // The witness is elsewhere (another run of this ledger, its state lost): start from its size.
                logger.info("witness is at another size", metadata: ["witness": "\(id)", "witness.size": "\(size)", "sent.old": "\(known)"])
                known = size
                conflicts += 1
            case .conflict(let size):
                logger.error(
                    "witness refuses this ledger's checkpoint at its size: it has seen another history", metadata: ["witness": "\(id)", "witness.size": "\(size)"])
                conflicts = 0
                guard await backOff(&retry) else { return }
            case .failed(let why):
                logger.warning("witness submission failed; retrying", metadata: ["witness": "\(id)", "error": "\(why)", "retry.seconds": "\(retry)"])
                guard await backOff(&retry) else { return }
            }
        }
    }

    func backOff(_ retry: inout Double) async -> Bool {
        let wait = retry
        retry = min(retry * 2, timing.maxRetrySeconds)
        return await Self.sleep(seconds: wait)
    }

    /// One `add-checkpoint` of the latest checkpoint from `old`.
    func submit(to target: Target, old: Int64) async -> Outcome {
        let submission: WitnessSubmission
        do {
            guard let made = try service.witnessSubmission(old: old) else { return .failed("no checkpoint yet") }
            submission = made
        } catch {
            return .failed(error.message)
        }
        var request = HTTPClientRequest(url: target.url + "/add-checkpoint")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        request.body = .bytes(ByteBuffer(string: submission.body.text))
        let status: UInt
        let text: String
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timing.requestTimeoutSeconds))
            status = response.status.code
            text = String(buffer: try await response.body.collect(upTo: Limits.cosignatureResponseBytes))
        } catch {
            return .failed("\(error)")
        }
        switch status {
        case 200:
            do {
                try await service.keepCosignature(text, size: submission.size, witness: target.verifier)
                return .cosigned(submission.size)
            } catch {
                return .failed(error.message)
            }
        case 409:
            let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let size = Int64(line), size >= 0 else { return .failed("409 without a size: \(line.prefix(200))") }
            return .conflict(size)
        default:
            return .failed("HTTP \(status): \(text.prefix(200))")
        }
    }

    /// Sleeps; `false` if the task was cancelled meanwhile.
    static func sleep(seconds: Double) async -> Bool {
        do { try await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) } catch { return false }
        return !Task.isCancelled
    }
}
