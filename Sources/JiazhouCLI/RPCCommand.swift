import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouRPC
import JiazhouService
import JiazhouWitness
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `jiazhou rpc`: JSON-RPC 2.0 over stdin/stdout, for an operator's script,
/// the mini-program's backend, or another service (PROTOCOL.md).
struct RPCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpc",
        abstract: "Serve JSON-RPC 2.0 on stdin/stdout: one request or batch per line in, one response per line out, in order.",
        discussion: """
            Methods take params.actor, the principal who acts (e.g. operator:root; ledger.info and checkpoint.get are \
            public); writes take params.key, an idempotency key. A response is written only once the entry it acknowledges is durable. End of input ends \
            the server after the last response; stdout carries protocol lines only, logs go to stderr.

            echo '{"jsonrpc":"2.0","id":1,"method":"ledger.info"}' | jiazhou rpc --db jiazhou.sqlite
            """)

    @OptionGroup var ledger: LedgerOptions

    @Option(name: .customLong("max-line"), help: "Longest request line, in bytes; longer lines are answered with -32600 / too_large.")
    var maxLine = RPCLimits.defaultMaxLineBytes

    @Option(name: .customLong("log-level"), help: "Least severe log level written to stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "notice"

    @OptionGroup var witnesses: WitnessSubmitterOptions

    func validate() throws {
        guard (RPCLimits.minMaxLineBytes...RPCLimits.maxMaxLineBytes).contains(maxLine) else {
            throw ValidationError("--max-line must be from \(RPCLimits.minMaxLineBytes) to \(RPCLimits.maxMaxLineBytes) bytes")
        }
        try StderrLogging.validate(logLevel)
        try witnesses.validate()
    }

    func run() async throws {
        // Before anything logs: swift-log's default handler writes to stdout,
        // which must carry protocol lines only.
        StderrLogging.bootstrap(logLevel, fallback: .notice)
        // A client that closes its end must not kill the server mid-commit:
        // with SIGPIPE ignored, writing to a closed pipe is an error we handle.
        signal(SIGPIPE, SIG_IGN)
        let logger = Logger(label: "jiazhou.rpc")
        try await reportingErrors {
            let service = try LedgerService.open(path: ledger.path, keyPath: ledger.key, maxPages: ledger.maxPages, logger: logger)
            let server = RPCServer(service: service, maxLineBytes: maxLine, logger: logger)
            let summary = try await witnesses.whileSubmitting(service: service, logger: logger) {
                await server.run(input: FileDescriptorSource(descriptor: 0), output: FileDescriptorSink(descriptor: 1))
            }
            if let failure = summary.outputFailure {
                Terminal.error("the output closed before every response was written (\(failure)); every write that was answered is durable")
                throw ExitCode(1)
            }
        }
    }
}
