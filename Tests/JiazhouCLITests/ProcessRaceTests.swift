import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Several `jiazhou` processes writing one database at once. Each writer
/// takes SQLite's write lock (BEGIN IMMEDIATE) and re-reads the head inside
/// its transaction, so they serialise: one gap-free chain, no seq handed out
/// twice, no update lost, one success per redemption code.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ProcessRaceTests {
    /// Runs an rpc process over `lines` (stdin closed after them) and returns its responses by id.
    private func runRPC(_ ledger: FaultLedger, _ lines: [String]) throws -> ChildProcess {
        let rpc = try ChildProcess(["rpc", "--db", ledger.path])
        rpc.writeInBackground(lines.joined(separator: "\n") + "\n", thenClose: true)
        return rpc
    }

    private func responses(_ rpc: ChildProcess, count: Int) throws -> [Int: JSONValue] {
        var byID: [Int: JSONValue] = [:]
        while byID.count < count, let line = rpc.readLine(timeoutSeconds: 120) {
            let response = try JSONParser.parse(Array(line.utf8))
            byID[Int(try #require(response["id"]?.integerValue))] = response
        }
        #expect(rpc.waitForExit(timeoutSeconds: 60) == 0, "\(rpc.stderr)")
        return byID
    }

    @Test func twoRPCProcessesAndTwoServersWritingOneLedgerSerialise() async throws {
        let ledger = try await FaultLedger.make(volunteers: 5)
        defer { ledger.remove() }
        let token = try ledger.operatorToken()
        // Two servers on the one file, besides the two rpc processes.
        let servers = try (0..<2).map { _ in try ledger.serve() }
        defer { for (server, _) in servers { server.killHard() } }
        let count = 400
        let streams = ["a", "b"].map { name in
            (0..<count).map { i in
                FaultLedger.rpcLine(id: i, method: "award", key: "\(name)-\(i)", params: FaultLedger.award(volunteer: 1 + i % 5, activity: "\(name)-\(i)"))
            }
        }
        let processes = try streams.map { try runRPC(ledger, $0) }
        let overHTTP = Mutex<[String: Int64]>([:])
        let refusedOverHTTP = Mutex<[String]>([])
        let http = DispatchGroup()
        http.enter()
        DispatchQueue.global().async {
            defer { http.leave() }
            DispatchQueue.concurrentPerform(iterations: 4) { client in
                for i in 0..<50 {
                    let key = "h-\(client)-\(i)"
                    do {
                        let reply = try LoopbackHTTP.send(
                            port: servers[client % 2].1, method: "POST", path: "/v1/awards", headers: [("Authorization", "Bearer \(token)"), ("Idempotency-Key", key)],
                            body: FaultLedger.award(volunteer: 1 + i % 5, activity: key).canonicalText)
                        if reply.status == 200, let seq = try JSONParser.parse(Array(reply.body.utf8))["seq"]?.integerValue {
                            overHTTP.withLock { $0[key] = seq }
                        } else {
                            refusedOverHTTP.withLock { $0.append("\(reply.status) \(reply.body)") }
                        }
                    } catch {
                        refusedOverHTTP.withLock { $0.append("\(error)") }
                    }
                }
            }
        }
        var acknowledged: [String: Int64] = [:]
        var refused: [String] = []
        for (name, rpc) in zip(["a", "b"], processes) {
            for (id, response) in try responses(rpc, count: count) {
                if let seq = response["result"]?["seq"]?.integerValue { acknowledged["\(name)-\(id)"] = seq } else { refused.append(response.canonicalText) }
            }
        }
        #expect(http.wait(timeout: .now() + 120) == .success)
        acknowledged.merge(overHTTP.withLock { $0 }) { $1 }
        refused += refusedOverHTTP.withLock { $0 }
        // Every writer got its turn: a busy refusal would say so clearly, but none is expected at this load.
        #expect(refused.isEmpty, "\(refused.prefix(3))")
        #expect(Set(acknowledged.values).count == acknowledged.count, "a seq was acknowledged to two writers")
        let audit = try LedgerAudit.read(path: ledger.path)
        #expect(audit.report.ok, "\(audit.report.problems.prefix(5))")
        for (key, seq) in acknowledged { #expect(audit.byKey[key]?.map(\.seq) == [seq], "\(key)") }
        // No lost update: each volunteer holds 20 points for each acknowledged award.
        var expected: [AccountID: Int64] = [:]
        for key in acknowledged.keys {
            let n = Int(key.split(separator: "-").last!)!
            expected[FaultLedger.volunteer(1 + n % 5), default: 0] += 20
        }
        for (volunteer, points) in expected { #expect(audit.balances[volunteer] == points, "\(volunteer)") }
        #expect(try ledger.verifyPasses())
    }

    @Test func twoRPCProcessesRacingOneRedemptionCodeLetExactlyOneThrough() async throws {
        let ledger = try await FaultLedger.make(volunteers: 5)
        defer { ledger.remove() }
        let codes = 60
        // 40 awards of 20 points to V000001, then its codes, issued by the real clock of an rpc process.
        var setup = (0..<40).map { FaultLedger.rpcLine(id: $0, method: "award", key: "s-\($0)", params: FaultLedger.award(volunteer: 1, activity: "s-\($0)")) }
        let volunteer = FaultLedger.volunteer(1).text
        setup += (0..<codes).map {
            JSONValue.object(["jsonrpc": "2.0", "id": .integer(Int64(40 + $0)), "method": "redeem.code", "params": ["actor": .string(volunteer), "volunteer": .string(volunteer)]]).canonicalText
        }
        let issuer = try runRPC(ledger, setup)
        let issued = try responses(issuer, count: setup.count)
        let codeTexts = try (0..<codes).map { try #require(issued[40 + $0]?["result"]?["code"]?.stringValue, "\(issued[40 + $0] ?? .null)") }
        let merchant = TestLedger.merchant.text
        // Till a goes through the codes first to last, till b last to first: they meet in the middle.
        let tills = ["till-a", "till-b"].map { till in
            (till == "till-a" ? Array(codeTexts.enumerated()) : codeTexts.enumerated().reversed()).map { i, code in
                FaultLedger.rpcLine(id: i, method: "redeem", key: "\(till)-\(i)", params: ["merchant": .string(merchant), "code": .string(code), "points": 5])
                    .replacingOccurrences(of: "\"actor\":\"operator:root\"", with: "\"actor\":\"\(merchant)\"")
            }
        }
        // Both tills up and answering before either sends a code, so that the two streams overlap.
        let processes = try tills.map { _ in try ChildProcess(["rpc", "--db", ledger.path]) }
        for rpc in processes {
            rpc.writeInBackground(#"{"jsonrpc":"2.0","id":"ready","method":"ledger.info"}"# + "\n", thenClose: false)
            _ = try #require(rpc.readLine(timeoutSeconds: 30), "\(rpc.stderr)")
        }
        // One line at a time, a little apart, so that neither process swallows
        // every code in one commit group and the two really interleave.
        for (rpc, lines) in zip(processes, tills) {
            DispatchQueue.global().async {
                for line in lines {
                    rpc.write(line + "\n")
                    usleep(UInt32.random(in: 500...3_000))
                }
                rpc.closeInput()
            }
        }
        let answers = try processes.map { try responses($0, count: codes) }
        var wins = [0, 0]
        for i in 0..<codes {
            let outcomes = answers.map { $0[i]?["result"] != nil ? "ok" : $0[i]?["error"]?["data"]?["reason"]?.stringValue ?? "none" }
            #expect(outcomes.sorted() == ["code_used", "ok"], "code \(i): \(outcomes)")
            if let winner = outcomes.firstIndex(of: "ok") { wins[winner] += 1 }
        }
        print("race: \(codes) codes redeemed by two processes at once: till a won \(wins[0]), till b won \(wins[1]), no code twice")
        let audit = try LedgerAudit.read(path: ledger.path)
        #expect(audit.report.ok, "\(audit.report.problems.prefix(5))")
        #expect(audit.balances[FaultLedger.volunteer(1)] == 40 * 20 - Int64(codes) * 5)
        #expect(audit.balances[TestLedger.merchant] == Int64(codes) * 5)
        #expect(try ledger.verifyPasses())
    }

    /// Awards over JSON-RPC and redemptions over HTTP from eight connections,
    /// all on one volunteer whose balance runs short: a redemption is paid
    /// in full or refused `insufficient_points`, and the final balances are
    /// exactly the acknowledged awards less the acknowledged redemptions.
    @Test func awardsAndRedemptionsRacingOnOneVolunteerNeverOverspendOrLoseAnUpdate() async throws {
        let ledger = try await FaultLedger.make(volunteers: 1)
        defer { ledger.remove() }
        let volunteer = FaultLedger.volunteer(1).text, merchant = TestLedger.merchant.text
        let codes = 80
        var setup = (0..<5).map { FaultLedger.rpcLine(id: $0, method: "award", key: "s-\($0)", params: FaultLedger.award(volunteer: 1, activity: "s-\($0)")) }
        setup += (0..<codes).map {
            JSONValue.object(["jsonrpc": "2.0", "id": .integer(Int64(5 + $0)), "method": "redeem.code", "params": ["actor": .string(volunteer), "volunteer": .string(volunteer)]]).canonicalText
        }
        let issued = try responses(try runRPC(ledger, setup), count: setup.count)
        let codeTexts = try (0..<codes).map { try #require(issued[5 + $0]?["result"]?["code"]?.stringValue) }
        let token = try ledger.token(for: merchant)
        let (server, port) = try ledger.serve()
        defer { server.killHard() }
        let awards = (0..<100).map { FaultLedger.rpcLine(id: $0, method: "award", key: "aw-\($0)", params: FaultLedger.award(volunteer: 1, activity: "aw-\($0)")) }
        let awarder = try runRPC(ledger, awards)
        let redeemed = Mutex(0), refusals = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { client in
            for i in 0..<(codes / 8) {
                let body: JSONValue = ["merchant": .string(merchant), "code": .string(codeTexts[client * (codes / 8) + i]), "points": 30]
                guard let reply = try? LoopbackHTTP.send(
                    port: port, method: "POST", path: "/v1/redemptions", headers: [("Authorization", "Bearer \(token)"), ("Idempotency-Key", "r-\(client)-\(i)")],
                    body: body.canonicalText)
                else { return refusals.withLock { $0.append("no reply") } }
                if reply.status == 200 { redeemed.withLock { $0 += 1 } } else { refusals.withLock { $0.append(reply.body) } }
            }
        }
        let awarded = try responses(awarder, count: awards.count).values.filter { $0["result"] != nil }.count
        let refused = refusals.withLock { $0 }
        for body in refused { #expect(body.contains("insufficient_points"), "\(body)") }
        let paid = Int64(redeemed.withLock { $0 })
        let audit = try LedgerAudit.read(path: ledger.path)
        #expect(audit.report.ok, "\(audit.report.problems.prefix(5))")
        #expect(awarded == awards.count)
        #expect(audit.balances[FaultLedger.volunteer(1)] == 100 + 20 * Int64(awarded) - 30 * paid)
        #expect(audit.balances[TestLedger.merchant] == 30 * paid)
        #expect(try ledger.verifyPasses())
        print("race: \(awarded) awards and \(paid) of \(codes) redemptions on one volunteer; \(refused.count) refused for want of points")
    }
}
