import Foundation
import JiazhouCore
@testable import JiazhouRPC
import JiazhouTesting
import Testing

/// The server in this process: hostile input, bounds, and a client that goes away.
@Suite struct ServerTests {
    /// Valid requests with bytes flipped, cut short or repeated: whatever
    /// comes in, the server answers with JSON-RPC responses and keeps going,
    /// and the last, good request is answered.
    @Test(arguments: [1 as UInt64, 2, 3])
    func mangledRequestsAreAnsweredAndNeverStopTheServer(seed: UInt64) async throws {
        var generator = SplitMix(seed: seed)
        let samples = [
            Requests.accountGet(id: 1, 1), Requests.award(id: 2, 1, key: "k"), Requests.openVolunteer(id: 3, 9),
            #"[{"jsonrpc":"2.0","id":-0,"method":"entry.get","params":{"actor":"operator:root","seq":1}},{"jsonrpc":"2.0","method":"ledger.info"}]"#,
        ]
        var lines: [[UInt8]] = []
        for _ in 0..<400 {
            var bytes = Array(samples[Int(generator.next() % UInt64(samples.count))].utf8)
            for _ in 0..<(1 + generator.next() % 4) {
                let at = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 4 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.removeSubrange(at...)
                case 2: bytes.insert(contentsOf: bytes[at...].prefix(8), at: at)
                default: bytes[at] = [0x5B, 0x7B, 0x22, 0x5C, 0x2D, 0x30, 0xFF, 0xC0][Int(generator.next() % 8)]
                }
                if bytes.isEmpty { bytes = [0x7B] }
            }
            lines.append(bytes.filter { $0 != 0x0A })
        }
        lines.append(Array(#"{"jsonrpc":"2.0","id":"last","method":"checkpoint.get"}"#.utf8))
        let output = try await InProcessServer.run(lines: lines)
        for line in output {
            let response = try Requests.parse(line)
            let first = response.arrayValue?.first ?? response
            #expect(first["jsonrpc"] == "2.0", "\(line)")
        }
        #expect(try Requests.parse(try #require(output.last))["id"] == "last")
    }

    @Test func aBatchOverTheLimitIsRefusedWhole() async throws {
        let element = #"{"jsonrpc":"2.0","id":1,"method":"checkpoint.get"}"#
        let batch = "[" + Array(repeating: element, count: RPCLimits.batchCalls + 1).joined(separator: ",") + "]"
        let output = try await InProcessServer.run([batch])
        #expect(output.count == 1)
        #expect(try Requests.parse(output[0])["error"]?["data"]?["reason"] == "too_large")
    }

    @Test func aFullBatchOfMinusZeroIdsIsEchoedInOnePass() async throws {
        let element = #"{"jsonrpc":"2.0","id":-0,"method":"checkpoint.get","params":{"size":5}}"#
        let batch = "[" + Array(repeating: element, count: RPCLimits.batchCalls).joined(separator: ",") + "]"
        let output = try await InProcessServer.run([batch])
        #expect(output.count == 1)
        let responses = try #require(try Requests.parse(output[0]).arrayValue)
        #expect(responses.count == RPCLimits.batchCalls)
        #expect(output[0].components(separatedBy: #""id":-0,"#).count == RPCLimits.batchCalls + 1)
    }

    @Test func moreRequestsThanFitInFlightAreAllAnsweredInOrder() async throws {
        let count = RPCLimits.callsInFlight * 3
        let output = try await InProcessServer.run((0..<count).map { Requests.accountGet(id: $0, 1) })
        #expect(output.count == count)
        #expect(try output.enumerated().allSatisfy { try Requests.parse($1)["id"] == .integer(Int64($0)) })
    }

    @Test func aClosedOutputEndsTheRunAndSaysSo() async throws {
        let ledger = try await TestLedger.make()
        let server = RPCServer(service: ledger.service, maxLineBytes: 1 << 20, methods: InProcessServer.testMethods, logger: InProcessServer.quietLogger)
        let input = (0..<20_000).map { Requests.accountGet(id: $0, 1) + "\n" }.joined()
        let summary = await server.run(input: MemorySource(Array(input.utf8)), output: MemorySink(failAfterWrites: 1))
        #expect(summary.outputFailure != nil)
        #expect(summary.responses < 20_000)
    }
}
