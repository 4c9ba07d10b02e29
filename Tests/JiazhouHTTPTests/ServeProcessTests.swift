import Foundation
import JiazhouCore
import JiazhouHTTP
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `jiazhou serve` and `jiazhou token`, as an operator runs them.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ServeProcessTests {
    /// A fresh ledger made by `jiazhou init`, with an operator token; returns (folder, database, token).
    private func initialize() throws -> (String, String, String) {
        let directory = try CommandRunner.temporaryDirectory()
        let database = directory + "/ledger.sqlite"
        #expect(try CommandRunner.run(["init", "--db", database]).status == 0)
        let created = try CommandRunner.run(["token", "create", "--db", database, "--principal", "operator:root", "--expires", "30d"])
        #expect(created.status == 0, "\(created.stderr)")
        return (directory, database, created.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func tokensAreCreatedListedAndRevokedFromTheCommandLine() throws {
        let (directory, database, token) = try initialize()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(token.hasPrefix("jzt_"))
        let unknown = try CommandRunner.run(["token", "create", "--db", database, "--principal", "volunteer:V404"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("[unknown_account]"))
        let badExpiry = try CommandRunner.run(["token", "create", "--db", database, "--principal", "operator:root", "--expires", "soon"])
        #expect(badExpiry.status == 1)
        let list = try CommandRunner.run(["token", "list", "--db", database])
        #expect(list.stdout.contains("operator:root"))
        #expect(!list.stdout.contains(token), "the token itself is never listed")
        #expect(list.stdout.split(separator: "\n").first?.split(separator: " ") == ["id", "principal", "created", "expires", "revoked"])
        #expect(try CommandRunner.run(["token", "revoke", "--db", database, "1"]).stdout.contains("token 1 of operator:root revoked"))
        #expect(!(try CommandRunner.run(["token", "list", "--db", database]).stdout.contains("  no")))
    }

    @Test func serveAnswersWithACommandLineTokenUntilItIsRevoked() async throws {
        let (directory, database, token) = try initialize()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try ServeProcess(database: database, logLevel: "info")
        let info = try await HTTPClient.send(port: server.port, method: "GET", path: "/v1/info")
        #expect(info.status == 200)
        let root = try await HTTPClient.send(port: server.port, method: "GET", path: "/v1/accounts/operator:root", headers: [("Authorization", "Bearer \(token)")])
        #expect(root.status == 200)
        #expect(try CommandRunner.run(["token", "revoke", "--db", database, "1"]).status == 0)
        try await Task.sleep(for: .milliseconds(BearerTokens.revalidationMilliseconds + 100))
        let revoked = try await HTTPClient.send(port: server.port, method: "GET", path: "/v1/accounts/operator:root", headers: [("Authorization", "Bearer \(token)")])
        #expect(revoked.status == 401)
        server.signal(SIGINT)
        #expect(await server.waitForExit() == 0)
        // One structured line per request on stderr: id, method, route template, status, duration.
        let lines = server.stderr.split(separator: "\n").filter { $0.contains("http.route=/v1/accounts/{account}") }
        #expect(lines.count == 2)
        for line in lines {
            for field in ["request.id=", "http.method=GET", "duration.ms="] { #expect(line.contains(field), "\(line)") }
        }
        #expect(lines.contains { $0.contains("http.status=401") })
        #expect(!server.stderr.contains(token), "a token is never logged")
    }

    /// SIGTERM while writes are in flight: the server stops accepting, finishes
    /// what it took, exits 0, and every write it acknowledged is in the ledger.
    @Test func sigtermDuringWritesLosesNothingAcknowledged() async throws {
        let (directory, database, token) = try initialize()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try ServeProcess(database: database)
        let port = server.port
        let auth = [("Authorization", "Bearer \(token)")]
        for (account, scope, budget) in [("issuer:shizhong", "shizhong", ",\"budget\":10000000"), ("volunteer:V000001", "shizhong/tongjiang/baiyang", "")] {
            let body = Array(#"{"account":"\#(account)","scope":"\#(scope)"\#(budget)}"#.utf8)
            #expect(try await HTTPClient.send(port: port, method: "POST", path: "/v1/accounts", headers: auth, body: body).status == 200)
        }
        let total = 400
        let tally = Tally()
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    // Each worker's awards one after another; the 16 workers at once. A
                    // refused connection (the server has stopped accepting) ends a worker.
                    for n in stride(from: worker, to: total, by: 16) {
                        let key = "shutdown-\(n)"
                        // One award a day, so that the default rules' daily cap never refuses one.
                        let start = Timestamp(millisecondsSince1970: 1_767_573_000_000 + Int64(n) * 86_400_000).format(offsetMinutes: 480)
                        let body = Array(
                            #"{"volunteer":"volunteer:V000001","activity":{"id":"a-\#(n)","category":"environment","minutes":30,"start":"\#(start)","scope":"shizhong/tongjiang/baiyang"}}"#.utf8)
                        guard let reply = try? await HTTPClient.send(port: port, method: "POST", path: "/v1/awards", headers: auth + [("Idempotency-Key", key)], body: body)
                        else { return }
                        tally.record(key: key, reply: reply)
                    }
                }
            }
            let deadline = ContinuousClock.now + .seconds(60)
            while tally.answered < 40, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(2)) }
            server.signal(SIGTERM)
        }
        #expect(await server.waitForExit() == 0, "\(server.stderr.suffix(2000))")
        let acknowledged = tally.acknowledged
        #expect(acknowledged.count >= 40)
        #expect(acknowledged.count < total, "the server stopped taking writes once signalled")
        #expect(tally.answered == acknowledged.count, "every answer before the shutdown was a success")
        let ledger = try LedgerService.open(path: database, readonly: true)
        for (key, seq) in acknowledged {
            let entry = try ledger.entry(EntryGetRequest(seq: seq), actor: .rootOperator).entry
            #expect(entry["key"] == .string(key), "acknowledged \(key) as entry \(seq)")
            #expect(entry["kind"] == "award")
        }
        #expect(try ledger.verify(VerifyRequest(), actor: .rootOperator).ok)
    }
}

/// The answers the workers got: how many, and the (key, seq) of each success.
final class Tally: Sendable {
    private let state = Mutex<(answered: Int, acknowledged: [(String, Int64)])>((0, []))

    func record(key: String, reply: HTTPReply) {
        state.withLock { state in
            state.answered += 1
            if reply.status == 200, let seq = reply.json?["seq"]?.integerValue { state.acknowledged.append((key, seq)) }
        }
    }

    var answered: Int { state.withLock { $0.answered } }
    var acknowledged: [(String, Int64)] { state.withLock { $0.acknowledged } }
}
