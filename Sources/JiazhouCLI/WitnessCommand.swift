import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouService
import JiazhouWitness
import Logging
import NIOCore

/// `jiazhou witness`: a c2sp.org/tlog-witness for ledgers (this one's or
/// anyone's), run by someone other than the ledger's operator (SPEC §16).
struct WitnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Run a transparency-log witness (c2sp.org/tlog-witness) that cosigns ledgers' checkpoints.",
        subcommands: [WitnessInitCommand.self, WitnessServeCommand.self])
}

struct WitnessInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a witness signing key (mode 0600) and print its verifier key.",
        discussion: "The verifier key, name+keyid+base64(0x04 ‖ Ed25519 key), is what logs (`jiazhou serve --witness URL=VKEY`) and verifiers (`--witness-key`) are given.")

    @Option(help: "The key file to create; an existing file is never overwritten.")
    var key: String

    @Option(help: "The witness's name, a schema-less URL such as witness.example/w1.")
    var name: String

    func run() async throws {
        try await reportingErrors {
            let signer = try CosignatureSigner.generate(name: name, randomBytes: SystemRandom().bytes)
            try WitnessKeyFile.write(signer, path: key)
            print(signer.verifier.verifierKey)
        }
    }
}

struct WitnessServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve POST /add-checkpoint until SIGTERM or SIGINT.",
        discussion: """
            Cosigns a checkpoint of a configured log only if the log's key signed it and it is consistent with the \
            last checkpoint this witness cosigned for that origin, which --state keeps durably (SQLite, synchronous=FULL). \
            Prints the address it listens on to stderr ("listening on http://127.0.0.1:8081").
            """)

    @Option(help: "The witness key file (from `jiazhou witness init`).")
    var key: String

    @Option(help: "The witness's state file (SQLite), created if missing. Losing it means retiring the witness's key.")
    var state: String

    @Option(name: .customLong("log"), help: "A log to witness, ORIGIN=VKEY (the ledger's verifier key, Ed25519 or SM2); repeatable.")
    var logs: [String] = []

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8081

    @Option(name: .customLong("log-level"), help: "Least severe log level written to stderr.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard !logs.isEmpty else { throw ValidationError("give at least one --log ORIGIN=VKEY") }
        try StderrLogging.validate(logLevel)
    }

    func run() async throws {
        StderrLogging.bootstrap(logLevel, fallback: .info)
        let logger = Logger(label: "jiazhou.witness")
        try await reportingErrors {
            let witness = try Witness(
                signer: try WitnessKeyFile.read(path: key), logs: try logs.map { arg throws(LedgerError) in try WitnessLog(argument: arg) },
                state: try WitnessState(path: state), now: { UInt64(max(0, Date().timeIntervalSince1970)) }, logger: logger)
            let server = WitnessServer(witness: witness, host: host, port: port, logger: logger)
            try await server.runUntilSignalled { address in
                let host = address.ipAddress.map { $0.contains(":") ? "[\($0)]" : $0 } ?? "?"
                Terminal.note("jiazhou witness: listening on http://\(host):\(address.port ?? 0) as \(witness.signer.verifier.verifierKey)")
            }
            Terminal.note("jiazhou witness: stopped")
        }
    }
}
