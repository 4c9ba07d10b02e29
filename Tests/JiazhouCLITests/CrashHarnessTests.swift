import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Synchronization
import Testing

/// kill -9 at random moments while the real binary writes, then restart:
/// `jiazhou verify` passes, every acknowledged write is there with the seq it
/// was acknowledged with, nothing is written twice, and no batch or sheet is
/// half there. `scripts/crash-harness.sh ROUNDS` runs many more rounds.
@Suite(.serialized, .timeLimit(.minutes(10))) struct CrashHarnessTests {
    /// Rows of each generated sheet: long enough that most kills land inside the import.
    static let sheetRows = 2_500

    @Test func killedDuringABulkImportASheetIsWhollyThereOrNotAtAll() async throws {
        let ledger = try await FaultLedger.make(volunteers: 60)
        defer { ledger.remove() }
        var (none, whole, finished) = (0, 0, 0)
        for round in 0..<CrashRounds.count {
            let sheet = ledger.directory + "/sheet-\(round).csv"
            var text = "volunteer,minutes,activity\n"
            for row in 0..<Self.sheetRows { text += "\(FaultLedger.volunteer(1 + row % 60).name),120,crash-\(round)-\(row / 60)\n" }
            try Data(text.utf8).write(to: URL(fileURLWithPath: sheet))
            let arguments = ["award", "import", sheet, "--db", ledger.path, "--category", "environment", "--start", FaultLedger.activityStart,
                "--scope", FaultLedger.scope, "--idempotency-key", "sheet-\(round)"]
            let importer = try ChildProcess(arguments)
            try await Task.sleep(for: .seconds(CrashRounds.delay(upTo: 1.5)))
            importer.killHard()
            let audit = try LedgerAudit.read(path: ledger.path)
            #expect(audit.report.ok, "round \(round): \(audit.report.problems.prefix(5))")
            let written = audit.byKey["sheet-\(round)"] ?? []
            #expect(written.isEmpty || written.count == Self.sheetRows, "round \(round): \(written.count) of \(Self.sheetRows) rows are there")
            #expect(LedgerAudit.isContiguous(written))
            if !importer.wasKilled { finished += 1 } else if written.isEmpty { none += 1 } else { whole += 1 }
            // Restart: the same sheet again finishes the job, or says it was done.
            let again = try CommandRunner.run(arguments, timeoutSeconds: 300)
            #expect(again.status == 0, "round \(round): \(again.stderr)")
            #expect(written.isEmpty != again.stdout.contains("already imported"), "round \(round): \(again.stdout)")
            #expect(try LedgerAudit.read(path: ledger.path).byKey["sheet-\(round)"]?.count == Self.sheetRows)
            #expect(try ledger.verifyPasses())
        }
        print("crash harness: import: \(CrashRounds.count) rounds: killed with nothing written \(none), killed with the sheet whole \(whole), finished first \(finished)")
    }

    @Test func killedDuringPipelinedRPCWritesEveryAnsweredWriteIsThere() async throws {
        let ledger = try await FaultLedger.make(volunteers: 10)
        defer { ledger.remove() }
        var (acknowledgedTotal, killedInside) = (0, 0)
        for round in 0..<CrashRounds.count {
            var lines: [String] = []
            var batches: Set<String> = []
            for i in 0..<3_000 {
                if i % 50 == 49 {
                    let key = "rpc-\(round)-b\(i)"
                    batches.insert(key)
                    lines.append(FaultLedger.rpcLine(id: i, method: "award.batch", key: key, params: FaultLedger.batch(volunteers: 1...10, activity: key)))
                } else {
                    lines.append(FaultLedger.rpcLine(
                        id: i, method: "award", key: "rpc-\(round)-\(i)", params: FaultLedger.award(volunteer: 1 + i % 10, activity: "rpc-\(round)-\(i)")))
                }
            }
            let rpc = try ChildProcess(["rpc", "--db", ledger.path])
            rpc.writeInBackground(lines.joined(separator: "\n") + "\n", thenClose: false)
            let killAfter = CrashRounds.delay(upTo: 2.5)
            DispatchQueue.global().asyncAfter(deadline: .now() + killAfter) { rpc.killHard() }
            // What the client saw answered before the kill: key → seqs.
            var acknowledged: [String: [Int64]] = [:]
            while let line = rpc.readLine(timeoutSeconds: 60) {
                let response = try JSONParser.parse(Array(line.utf8))
                guard let id = response["id"]?.integerValue, let result = response["result"] else {
                    Issue.record("round \(round): refused \(line.prefix(300))")
                    continue
                }
                let key = lines[Int(id)].contains("award.batch") ? "rpc-\(round)-b\(id)" : "rpc-\(round)-\(id)"
                let single = try #require(result["seqs"] != nil ? 0 : result["seq"]?.integerValue)
                acknowledged[key] = result["seqs"]?.arrayValue?.compactMap(\.integerValue) ?? [single]
            }
            _ = rpc.waitForExit(timeoutSeconds: 30)
            if acknowledged.count < lines.count { killedInside += 1 }
            acknowledgedTotal += acknowledged.count
            try checkAfterKill(ledger, round: round, acknowledged: acknowledged, batches: batches, batchSize: 10)
        }
        print("crash harness: rpc: \(CrashRounds.count) rounds, \(killedInside) killed mid-stream, \(acknowledgedTotal) acknowledged writes checked")
    }

    @Test func killedDuringConcurrentHTTPWritesEveryAcknowledgedWriteIsThere() async throws {
        let ledger = try await FaultLedger.make(volunteers: 10)
        defer { ledger.remove() }
        let token = try ledger.operatorToken()
        var (acknowledgedTotal, cutOff) = (0, 0)
        for round in 0..<CrashRounds.count {
            let (server, port) = try ledger.serve()
            let cut = Mutex(false)
            let acknowledged = Mutex<[String: [Int64]]>([:])
            let batches = Mutex<Set<String>>([])
            DispatchQueue.global().asyncAfter(deadline: .now() + CrashRounds.delay(upTo: 1.5)) { server.killHard() }
            DispatchQueue.concurrentPerform(iterations: 8) { client in
                for i in 0..<400 {
                    let isBatch = i % 20 == 19
                    let key = "http-\(round)-\(client)-\(i)"
                    if isBatch { batches.withLock { _ = $0.insert(key) } }
                    let body = isBatch
                        ? FaultLedger.batch(volunteers: 1...10, activity: key) : FaultLedger.award(volunteer: 1 + i % 10, activity: key)
                    guard let reply = try? LoopbackHTTP.send(
                        port: port, method: "POST", path: isBatch ? "/v1/awards/batch" : "/v1/awards",
                        headers: [("Authorization", "Bearer \(token)"), ("Idempotency-Key", key)], body: body.canonicalText)
                    else {  // the server is gone
                        cut.withLock { $0 = true }
                        return
                    }
                    guard (200..<300).contains(reply.status), let json = try? JSONParser.parse(Array(reply.body.utf8)) else {
                        Issue.record("round \(round): \(reply.status) \(reply.body.prefix(300))")
                        return
                    }
                    let seqs = json["seqs"]?.arrayValue?.compactMap(\.integerValue) ?? json["seq"].flatMap(\.integerValue).map { [$0] } ?? []
                    acknowledged.withLock { $0[key] = seqs }
                }
            }
            server.killHard()
            if cut.withLock({ $0 }) { cutOff += 1 }
            let seen = acknowledged.withLock { $0 }
            acknowledgedTotal += seen.count
            try checkAfterKill(ledger, round: round, acknowledged: seen, batches: batches.withLock { $0 }, batchSize: 10)
        }
        print("crash harness: http: \(CrashRounds.count) rounds, \(cutOff) killed mid-stream, \(acknowledgedTotal) acknowledged writes checked")
    }

    /// After a kill: the ledger verifies, every acknowledged key holds exactly
    /// the seqs it was acknowledged with, no key was written twice, and every
    /// batch is whole or absent.
    private func checkAfterKill(_ ledger: FaultLedger, round: Int, acknowledged: [String: [Int64]], batches: Set<String>, batchSize: Int) throws {
        let audit = try LedgerAudit.read(path: ledger.path)
        #expect(audit.report.ok, "round \(round): \(audit.report.problems.prefix(5))")
        for (key, seqs) in acknowledged {
            #expect(audit.byKey[key]?.map(\.seq) == seqs, "round \(round): acknowledged \(key) at \(seqs), stored \(audit.byKey[key]?.map(\.seq) ?? [])")
        }
        for (key, written) in audit.byKey where key.hasPrefix("rpc-\(round)-") || key.hasPrefix("http-\(round)-") {
            let expected = batches.contains(key) ? batchSize : 1
            #expect(written.count == expected && LedgerAudit.isContiguous(written), "round \(round): \(key) has \(written.count) entries")
        }
        #expect(try ledger.verifyPasses())
    }
}
