import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// A file ledger for the fault tests: the test district with plain rules
/// (so that many awards to one volunteer on one day are all paid 20 points
/// for 120 minutes), an issuer without a budget for the baiyang grid g01 and
/// `volunteers` volunteers living there; closed again so that only the
/// processes under test hold it open.
struct FaultLedger {
    let directory: String
    let path: String

    static func make(volunteers: Int = 5) async throws -> FaultLedger {
        let ledger = try await TestLedger.make(inFile: true)
        _ = try await ledger.service.openAccount(
            AccountOpenRequest(account: .issuer(for: TestLedger.baiyangGrid), scope: TestLedger.baiyangGrid), actor: TestLedger.root, key: nil)
        for n in 1...volunteers {
            _ = try await ledger.service.openAccount(
                AccountOpenRequest(account: volunteer(n), scope: TestLedger.baiyangGrid), actor: TestLedger.root, key: nil)
        }
        return FaultLedger(directory: try #require(ledger.directory), path: try #require(ledger.path))
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// An operator token for `jiazhou serve`.
    func operatorToken() throws -> String { try token(for: "operator:root") }

    /// A bearer token for `principal`.
    func token(for principal: String) throws -> String {
        let created = try CommandRunner.run(["token", "create", "--db", path, "--principal", principal, "--expires", "1d"])
        try #require(created.status == 0, "\(created.stderr)")
        return created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `jiazhou verify`, as an operator runs it after a restart.
    func verifyPasses() throws -> Bool {
        let outcome = try CommandRunner.run(["verify", "--db", path], timeoutSeconds: 120)
        if outcome.status != 0 { Issue.record("jiazhou verify failed: \(outcome.stdout)\(outcome.stderr)") }
        return outcome.status == 0
    }

    /// `jiazhou serve` on a free loopback port; its port once it listens.
    func serve() throws -> (ChildProcess, Int) {
        let server = try ChildProcess(["serve", "--db", path, "--host", "127.0.0.1", "--port", "0", "--log-level", "notice"])
        let line = try #require(server.waitForStderr(matching: #"listening on http://127\.0\.0\.1:[0-9]+"#), "serve printed no port: \(server.stderr)")
        return (server, try #require(Int(line.split(separator: ":").last!)))
    }

    static let activityStart = "2026-11-23T08:30:00+08:00"
    static let scope = "shizhong/tongjiang/baiyang/g01"

    /// The n-th volunteer of the grid (the test district's own are V000001–V000005).
    static func volunteer(_ n: Int) -> AccountID { TestLedger.volunteer(100 + n) }

    static func activity(_ id: String) -> JSONValue {
        ["id": .string(id), "category": "environment", "minutes": 120, "start": .string(activityStart), "scope": .string(scope)]
    }

    /// An award's params (HTTP body, or JSON-RPC params with actor and key).
    static func award(volunteer: Int, activity id: String) -> JSONValue {
        ["volunteer": .string(Self.volunteer(volunteer).text), "activity": activity(id)]
    }

    /// An `award.batch` of `volunteers`, 120 minutes each.
    static func batch(volunteers: ClosedRange<Int>, activity id: String) -> JSONValue {
        var activity = activity(id)
        activity = .object(activity.objectValue!.filter { $0.key != "minutes" })
        return [
            "activity": activity,
            "participants": .array(volunteers.map { ["volunteer": .string(Self.volunteer($0).text), "minutes": 120] }),
        ]
    }

    static func rpcLine(id: Int, method: String, key: String, params: JSONValue) -> String {
        var params = params.objectValue!
        params["actor"] = "operator:root"
        params["key"] = .string(key)
        return JSONValue.object(["jsonrpc": "2.0", "id": .integer(Int64(id)), "method": .string(method), "params": .object(params)]).canonicalText
    }
}

/// Random moments for the kills; the rounds come from `JIAZHOU_CRASH_ROUNDS`
/// (scripts/crash-harness.sh sets it), else a few, for CI.
enum CrashRounds {
    static var count: Int { ProcessInfo.processInfo.environment["JIAZHOU_CRASH_ROUNDS"].flatMap(Int.init) ?? 3 }

    static func delay(upTo seconds: Double) -> Double { Double.random(in: 0.02...seconds) }
}
