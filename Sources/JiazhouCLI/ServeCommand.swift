import ArgumentParser
import Foundation
import JiazhouHTTP
import JiazhouService
import JiazhouWitness
import Logging
import NIOCore

/// `jiazhou serve`: the HTTP API for tills, apps and browsers (PROTOCOL.md).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (bearer tokens from `jiazhou token create`) until SIGTERM or SIGINT.",
        discussion: """
            Prints the address it listens on to stderr ("listening on http://127.0.0.1:8080"; with --port 0 the \
            system picks a free port). A write is answered only once its entry is durable; concurrent writes share \
            one commit. On SIGTERM or SIGINT the server stops accepting connections, finishes the requests in \
            flight and exits 0. Request logs (id, route, status, duration) go to stderr. Routes: /openapi.json.
            """)

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8080

    @Option(name: .customLong("max-body"), help: "Largest request body, in bytes; larger bodies are answered 413 too_large.")
    var maxBody = HTTPLimits.defaultMaxBodyBytes

    @Option(name: .customLong("log-level"), help: "Least severe log level written to stderr; request logs are at info.")
    var logLevel: String = "info"

    @Option(
        name: .customLong("auth-failures"),
        help: "Failed bearer authentications one client address may make at once before it is answered 429 (then one every \(Int(FailureThrottle.Policy.authentication.refillSeconds)) s).")
    var authFailures = FailureThrottle.Policy.authentication.burst

    @OptionGroup var witnesses: WitnessSubmitterOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard (HTTPLimits.minMaxBodyBytes...HTTPLimits.maxMaxBodyBytes).contains(maxBody) else {
            throw ValidationError("--max-body must be from \(HTTPLimits.minMaxBodyBytes) to \(HTTPLimits.maxMaxBodyBytes) bytes")
        }
        guard (1...1_000_000).contains(authFailures) else { throw ValidationError("--auth-failures must be from 1 to 1000000") }
        try StderrLogging.validate(logLevel)
        try witnesses.validate()
    }

    /// The default throttle, with `--auth-failures` as its burst: a fuzzer
    /// that probes with bad tokens from loopback would otherwise lock its own good one out.
    private var throttle: FailureThrottle.Policy {
        var policy = FailureThrottle.Policy.authentication
        policy.burst = authFailures
        return policy
    }

    func run() async throws {
        StderrLogging.bootstrap(logLevel, fallback: .info)
        let logger = Logger(label: "jiazhou.http")
        try await reportingErrors {
            let service = try LedgerService.open(path: ledger.path, keyPath: ledger.key, maxPages: ledger.maxPages, logger: logger)
            let server = HTTPServer(service: service, configuration: .init(host: host, port: port, maxBodyBytes: maxBody, authenticationThrottle: throttle), logger: logger)
            try await witnesses.whileSubmitting(service: service, logger: logger) {
                try await server.runUntilSignalled { address in
                    let host = address.ipAddress.map { $0.contains(":") ? "[\($0)]" : $0 } ?? "?"
                    Terminal.note("jiazhou: listening on http://\(host):\(address.port ?? 0)")
                }
            }
            Terminal.note("jiazhou: stopped; every write that was answered is durable")
        }
    }
}
