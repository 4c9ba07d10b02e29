import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// Several real processes on one PostgreSQL ledger (SPEC §17): two `jiazhou
/// serve` at once, writers racing for one code, a writer killed mid-batch.
@Suite(.timeLimit(.minutes(5))) struct PostgresProcessTests {
    /// `jiazhou serve` on `place`'s ledger, on a loopback port of its choosing; returns it and the port.
    private func serve(_ place: Backend.Place) throws -> (ChildProcess, Int) {
        let server = try ChildProcess(["serve", "--db", place.path, "--key", place.keyPath, "--host", "127.0.0.1", "--port", "0"])
        let listening = try #require(server.waitForStderr(matching: "listening on http://127\\.0\\.0\\.1:[0-9]+"), "\(server.stderr)")
        let port = try #require(Int(listening.split(separator: ":").last ?? ""))
        return (server, port)
    }

    private func operatorToken(_ place: Backend.Place) throws -> String {
        let created = try CommandRunner.run(["token", "create", "--db", place.path, "--key", place.keyPath, "--principal", "operator:root"])
        try #require(created.status == 0, "\(created.stderr)")
        return created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func awardBody(volunteer: Int, activity: String) -> String {
        let request: JSONValue = [
            "volunteer": .string(TestLedger.volunteer(volunteer).text),
            "activity": [
                "id": .string(activity), "category": "environment", "minutes": 60, "start": "2026-11-24T08:30:00+08:00", "scope": .string(TestLedger.district.path),
            ],
        ]
        return request.canonicalText
    }

    /// Two `jiazhou serve` on one ledger, awards sent to both at once, with 10
    /// idempotency keys sent to both: one gap-free chain, each key written
    /// once (both servers answer it with the same seq), both servers read the
    /// same balances, and `verify` passes.
    @Test func twoServersOnOneLedgerAwardAtOnceWithoutAFork() async throws {
        let (ledger, place) = try await Backend.postgres.ledger()
        defer { place.remove() }
        let token = try operatorToken(place)
        let start = try ledger.service.info().size
        let servers = try [serve(place), serve(place)]
        defer { for (server, _) in servers { server.killHard() } }
        let own = 30, shared = 10
        let results = try await withThrowingTaskGroup(of: Acknowledged.self) { group in
            for (index, (_, port)) in servers.enumerated() {
                for i in 0..<(own + shared) {
                    let key = i < own ? "s\(index)-\(i)" : "shared-\(i)"
                    group.addTask {
                        let reply = try LoopbackHTTP.send(
                            port: port, method: "POST", path: "/v1/awards",
                            headers: [("Authorization", "Bearer \(token)"), ("Idempotency-Key", key)],
                            body: Self.awardBody(volunteer: 1 + i % 5, activity: key))
                        guard reply.status == 200, let seq = try JSONParser.parse(Array(reply.body.utf8))["seq"]?.integerValue else {
                            throw Refused(description: "award \(key) on server \(index): \(reply.status) \(reply.body)")
                        }
                        return Acknowledged(server: index, key: key, seq: seq)
                    }
                }
            }
            return try await group.reduce(into: [Acknowledged]()) { $0.append($1) }
        }
        let byKey = Dictionary(grouping: results, by: \.key)
        #expect(byKey.count == 2 * own + shared)
        for (key, answers) in byKey where key.hasPrefix("shared-") {
            #expect(Set(answers.map(\.seq)).count == 1, "\(key) was written twice: \(answers)")
        }
        let seqs = Set(results.map(\.seq))
        let size = try ledger.service.info().size
        #expect(seqs.count == 2 * own + shared, "a seq acknowledged for two keys")
        #expect(size == start + Int64(2 * own + shared))
        #expect(seqs == Set(start..<size), "a gap or a write outside the chain")
        for volunteer in 1...5 {
            let balances = try servers.map { (_, port) in
                let reply = try LoopbackHTTP.send(
                    port: port, method: "GET", path: "/v1/accounts/\(TestLedger.volunteer(volunteer).text)", headers: [("Authorization", "Bearer \(token)")])
                return try JSONParser.parse(Array(reply.body.utf8))["balance"]?.integerValue
            }
            #expect(balances[0] != nil && balances[0] == balances[1], "the servers disagree on \(TestLedger.volunteer(volunteer)): \(balances)")
        }
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    private struct Acknowledged: Sendable {
        let server: Int
        let key: String
        let seq: Int64
    }

    private struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    private static func rpcLine(id: Int, method: String, key: String?, params: JSONValue) -> String {
        var members = params.objectValue ?? [:]
        members["actor"] = members["actor"] ?? "operator:root"
        if let key { members["key"] = .string(key) }
        return JSONValue.object(["jsonrpc": "2.0", "id": .integer(Int64(id)), "method": .string(method), "params": .object(members)]).canonicalText
    }

    /// Reads responses until `count` arrived (or the stream ended); by id.
    private static func responses(_ rpc: ChildProcess, count: Int) throws -> [Int: JSONValue] {
        var byID: [Int: JSONValue] = [:]
        while byID.count < count, let line = rpc.readLine(timeoutSeconds: 120) {
            let response = try JSONParser.parse(Array(line.utf8))
            byID[Int(try #require(response["id"]?.integerValue))] = response
        }
        return byID
    }

    /// Two `jiazhou rpc` processes, each told to redeem the same 20 codes at
    /// once: each code is redeemed exactly once, the other process is told
    /// `code_used`, and the volunteer's balance fell by exactly the redeemed points.
    @Test func twoWritersRacingForOneCodeRedeemItOnce() async throws {
        let (ledger, place) = try await Backend.postgres.ledger()
        defer { place.remove() }
        let volunteer = TestLedger.volunteer(1)
        _ = try await ledger.service.award(AwardRequest(volunteer: volunteer, activity: TestLedger.activity(minutes: 480)), actor: TestLedger.root, key: nil)
        let before = try ledger.service.account(AccountGetRequest(account: volunteer), actor: TestLedger.root).balance
        // The codes come from a process too: its clock (the machine's) is the one their expiry is judged by.
        let issuer = try ChildProcess(["rpc", "--db", place.path, "--key", place.keyPath])
        issuer.writeInBackground(
            (0..<20).map { Self.rpcLine(id: $0, method: "redeem.code", key: nil, params: ["actor": .string(volunteer.text), "volunteer": .string(volunteer.text)]) }
                .joined(separator: "\n") + "\n", thenClose: true)
        let issued = try Self.responses(issuer, count: 20)
        #expect(issuer.waitForExit(timeoutSeconds: 60) == 0, "\(issuer.stderr)")
        let codes = try (0..<20).map { try #require(issued[$0]?["result"]?["code"]?.stringValue, "\(issued[$0]?.canonicalText ?? "no answer")") }
        let processes = try ["a", "b"].map { name in
            let lines = codes.enumerated().map { i, code in
                Self.rpcLine(
                    id: i, method: "redeem", key: "\(name)-\(i)",
                    params: ["actor": .string(TestLedger.merchant.text), "merchant": .string(TestLedger.merchant.text), "code": .string(code), "points": 1])
            }
            let rpc = try ChildProcess(["rpc", "--db", place.path, "--key", place.keyPath])
            rpc.writeInBackground(lines.joined(separator: "\n") + "\n", thenClose: true)
            return rpc
        }
        let answers = try processes.map { try Self.responses($0, count: codes.count) }
        for rpc in processes { #expect(rpc.waitForExit(timeoutSeconds: 60) == 0, "\(rpc.stderr)") }
        for i in codes.indices {
            let outcomes = answers.map { $0[i] }
            let redeemed = outcomes.filter { $0?["result"]?["seq"]?.integerValue != nil }
            let used = outcomes.filter { $0?["error"]?["data"]?["reason"]?.stringValue == "code_used" }
            #expect(redeemed.count == 1 && used.count == 1, "code \(i): \(outcomes.map { $0?.canonicalText ?? "no answer" })")
        }
        let after = try ledger.service.account(AccountGetRequest(account: volunteer), actor: TestLedger.root).balance
        #expect(after == before - Int64(codes.count))
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    /// `kill -9` of a `jiazhou rpc` while its 1,000-participant batch holds the
    /// head: every write it acknowledged before is there, the batch is there
    /// whole or not at all, another writer gets the head, and the same batch
    /// retried with its key is written exactly once.
    @Test func aWriterKilledMidBatchLosesNothingAcknowledgedAndLeavesNothingPartial() async throws {
        let (ledger, place) = try await Backend.postgres.ledger()
        defer { place.remove() }
        let participants = 1_000
        try await ledger.grow(to: try ledger.service.info().size + Int64(participants), prefix: "B")
        let first = try ledger.service.info().size
        let server = try PostgresServer.shared()
        let rpc = try ChildProcess(["rpc", "--db", place.path, "--key", place.keyPath])
        let acknowledged = 10
        for i in 0..<acknowledged {
            rpc.write(Self.rpcLine(id: i, method: "award", key: "before-\(i)", params: ["volunteer": .string(TestLedger.volunteer(1 + i % 5).text), "activity": Self.activityJSON("before-\(i)")]) + "\n")
        }
        let early = try Self.responses(rpc, count: acknowledged)
        let earlySeqs = try early.values.map { try #require($0["result"]?["seq"]?.integerValue, "\($0.canonicalText)") }
        let batch = Self.rpcLine(
            id: 100, method: "award.batch", key: "the-batch",
            params: [
                "activity": Self.activityJSON("the-batch"),
                "participants": .array((first - Int64(participants)..<first).map { n in ["volunteer": .string("volunteer:B\(n)")] }),
            ])
        rpc.write(batch + "\n")
        // The head lock is held by the batch's transaction until it commits: wait for it, then kill.
        let holding = "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()"
        var held = false
        for _ in 0..<400 where !held {
            held = try server.psql(place.database, holding) == "1"
            if !held { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(held, "the batch never took the head")
        rpc.killHard()
        _ = rpc.waitForExit(timeoutSeconds: 30)
        #expect(rpc.wasKilled)
        // The server rolls the dead client's transaction back and frees the lock.
        let afterKill = try await Self.eventually { try ledger.service.info().size }
        #expect(afterKill == first + Int64(acknowledged) || afterKill == first + Int64(acknowledged + participants), "a partial batch: \(afterKill)")
        for seq in earlySeqs { #expect(seq >= first && seq < first + Int64(acknowledged), "acknowledged \(seq) is not where it was") }
        // Retried with its key by another writer: exactly once, whatever the killed one had done.
        let retry = try ChildProcess(["rpc", "--db", place.path, "--key", place.keyPath])
        retry.writeInBackground(batch + "\n" + batch.replacingOccurrences(of: "\"id\":100", with: "\"id\":101") + "\n", thenClose: true)
        let retried = try Self.responses(retry, count: 2)
        #expect(retry.waitForExit(timeoutSeconds: 120) == 0, "\(retry.stderr)")
        let seqs = retried.values.map { $0["result"]?["rows"]?.arrayValue?.compactMap { $0["seq"]?.integerValue } ?? [] }
        #expect(seqs.count == 2 && seqs[0].count == participants && seqs[0] == seqs[1], "\(retried.values.map(\.canonicalText).joined().prefix(400))")
        #expect(try ledger.service.info().size == first + Int64(acknowledged + participants))
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    private static func activityJSON(_ id: String) -> JSONValue {
        ["id": .string(id), "category": "environment", "minutes": 60, "start": "2026-11-24T08:30:00+08:00", "scope": .string(TestLedger.district.path)]
    }

    /// `body`'s answer once it stops failing (the server may still be freeing a dead client's lock), within 30 s.
    private static func eventually<T>(_ body: () throws -> T) async throws -> T {
        for _ in 0..<300 {
            if let value = try? body() { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try body()
    }
}
