import Foundation
import JiazhouCore
import JiazhouTesting
import Testing

/// The real `jiazhou rpc`, on a ledger made by `jiazhou init`, over pipes.
@Suite(.serialized) struct ProcessTests {
    let directory: String
    let database: String

    init() throws {
        directory = try CommandRunner.temporaryDirectory()
        database = directory + "/ledger.sqlite"
        // Plain rules: these tests are about the transport, and send many
        // awards to one volunteer on one day, which the default caps refuse.
        let rules = directory + "/plain.yaml"
        try Data(TestLedger.plainRules.utf8).write(to: URL(fileURLWithPath: rules))
        let created = try CommandRunner.run(["init", "--db", database, "--rules", rules])
        try #require(created.status == 0, "\(created.stderr)")
    }

    @Test func pipelinedAwardsAreAnsweredInOrderDurablyAndTheLedgerVerifies() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rpc = try RPCProcess(["rpc", "--db", database])
        let opens = [Requests.openIssuer(id: 0)] + (1...10).map { Requests.openVolunteer(id: $0, $0) }
        let awards = (11..<1011).map { Requests.award(id: $0, $0 % 10 + 1, key: "award-\($0)") }
        rpc.sendInBackground(opens + awards, thenClose: true)
        var seqs: [Int64] = []
        for id in 0..<1011 {
            let response = try Requests.parse(try #require(rpc.readLine(), "response \(id) is missing"))
            #expect(response["id"] == .integer(Int64(id)))
            let result = try #require(response["result"], "\(id): \(response)")
            if id >= 11 {
                #expect(result["points"] == 20)
                seqs.append(try #require(result["seq"]?.integerValue))
            }
        }
        #expect(rpc.readLine() == nil)
        #expect(rpc.waitForExit() == 0)
        // Written in line order: init's 5 entries, then the 11 opens, then the awards.
        #expect(seqs == Array(16..<1016))
        let verified = try CommandRunner.run(["verify", "--db", database])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("ok: 1016 entries"))
        // Group commit: one signed checkpoint per commit, far fewer than the writes.
        let checkpoints = try #require(verified.stdout.split(separator: " ").firstIndex(of: "checkpoints").map { verified.stdout.split(separator: " ")[$0 - 1] })
        #expect(try #require(Int(checkpoints)) < 500)
    }

    @Test func closingStdinEndsTheServerWithStatusZero() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rpc = try RPCProcess(["rpc", "--db", database])
        try rpc.closeInput()
        #expect(rpc.readLine() == nil)
        #expect(rpc.waitForExit() == 0)
    }

    @Test func anAnsweredWriteSurvivesTheServerBeingKilled() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rpc = try RPCProcess(["rpc", "--db", database])
        for line in [Requests.openIssuer(id: 1), Requests.openVolunteer(id: 2, 7), Requests.award(id: 3, 7, key: "survives")] { try rpc.send(line) }
        for _ in 1...3 { #expect(try Requests.parse(try #require(rpc.readLine()))["result"] != nil) }
        rpc.kill()
        let balance = try CommandRunner.run(["balance", "--db", database, Requests.volunteer(7)])
        #expect(balance.stdout.contains("balance: 20 points"), "\(balance.stdout)\(balance.stderr)")
        #expect(try CommandRunner.run(["verify", "--db", database]).status == 0)
    }

    @Test func stdoutCarriesProtocolLinesOnlyAndLogsGoToStderr() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rpc = try RPCProcess(["rpc", "--db", database, "--log-level", "trace"])
        rpc.sendInBackground([Requests.accountGet(id: 1, 1), "{", Requests.openIssuer(id: 2)], thenClose: true)
        var lines: [String] = []
        while let line = rpc.readLine() { lines.append(line) }
        #expect(rpc.waitForExit() == 0)
        #expect(lines.count == 3)
        for line in lines { #expect(try Requests.parse(line)["jsonrpc"] == "2.0", "\(line)") }
        #expect(rpc.stderr.contains("rpc.method=account.open"), "\(rpc.stderr)")
    }

    @Test func aLineOverTheLimitIsAnsweredAndTheNextOneServed() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rpc = try RPCProcess(["rpc", "--db", database, "--max-line", "1000"])
        let huge = #"{"jsonrpc":"2.0","id":1,"method":"ledger.info","params":{"pad":""# + String(repeating: "x", count: 4_000_000) + #""}}"#
        rpc.sendInBackground([huge, Requests.accountGet(id: 2, 1)], thenClose: true)
        let first = try Requests.parse(try #require(rpc.readLine()))
        #expect(first["error"]?["data"]?["reason"] == "too_large")
        #expect(first["id"] == .null)
        let second = try Requests.parse(try #require(rpc.readLine()))
        #expect(second["id"] == 2)
        #expect(second["error"]?["data"]?["reason"] == "unknown_account")
        #expect(rpc.waitForExit() == 0)
        #expect(try CommandRunner.run(["rpc", "--db", database, "--max-line", "10"]).status == 64)
    }

    @Test func aClientThatGoesAwayLeavesAVerifiableLedger() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rpc = try RPCProcess(["rpc", "--db", database])
        try rpc.closeOutput()
        let lines = [Requests.openIssuer(id: 0), Requests.openVolunteer(id: 1, 1)] + (2..<300).map { Requests.award(id: $0, 1, key: "gone-\($0)") }
        rpc.sendInBackground(lines, thenClose: true)
        #expect(rpc.waitForExit() == 1)
        #expect(rpc.stderr.contains("the output closed"))
        #expect(try CommandRunner.run(["verify", "--db", database]).status == 0)
    }
}
