import Foundation
import JiazhouCore
@testable import JiazhouRPC
import JiazhouService
import JiazhouTesting
import Logging

/// Runs `RPCServer` in this process on a fresh in-memory test ledger
/// (manual clock, seeded random source): the same input always gives the
/// same bytes out, hashes and signatures included.
enum InProcessServer {
    /// Lines out for `input` (each request line gets `\n` appended).
    static func run(
        lines: [[UInt8]], maxLineBytes: Int = RPCLimits.defaultMaxLineBytes, chunkBytes: Int = 4096, sink: MemorySink = MemorySink()
    ) async throws -> [String] {
        let ledger = try await TestLedger.make()
        let input: [UInt8] = lines.flatMap { line in line + [0x0A] }
        let server = RPCServer(service: ledger.service, maxLineBytes: maxLineBytes, methods: testMethods, logger: quietLogger)
        _ = await server.run(input: MemorySource(input, chunkBytes: chunkBytes), output: sink)
        return sink.lines
    }

    static func run(_ lines: [String], maxLineBytes: Int = RPCLimits.defaultMaxLineBytes) async throws -> [String] {
        try await run(lines: lines.map { Array($0.utf8) }, maxLineBytes: maxLineBytes)
    }

    static let quietLogger = Logger(label: "jiazhou.rpc.test") { _ in SwiftLogNoOpLogHandler() }

    /// The real table, plus `test.unencodable`: a read whose result cannot be
    /// encoded, the one way to reach −32603 from the wire.
    static let testMethods: [String: Method] = MethodTable.methods.merging(
        ["test.unencodable": Method.publicRead("test.unencodable", NoParams.self) { _, _ in Unencodable() }]) { real, _ in real }

    struct Unencodable: Encodable, Sendable {
        struct Refused: Error {}
        func encode(to encoder: any Encoder) throws { throw Refused() }
    }
}
