import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStorage
import JiazhouTesting
import Testing

/// What only PostgreSQL can get wrong: a server that is not there, a login
/// refused, a database that is not a ledger, a connection lost mid-write, a
/// direct SQL edit, and two writer processes on one chain.
@Suite(.timeLimit(.minutes(5))) struct PostgresFaultTests {
    private func failure(_ body: () throws -> some Any) -> LedgerError? {
        do {
            _ = try body()
            return nil
        } catch let error as LedgerError { return error } catch {
            Issue.record("not a LedgerError: \(error)")
            return nil
        }
    }

    @Test func anUnreachableServerIsStorageUnavailableSayingWhatToDo() throws {
        let error = failure { try LedgerService.openStore(path: "postgres://postgres@localhost:5432/x?host=/nonexistent-\(UUID().uuidString)") }
        #expect(error?.reason == .storage_unavailable)
        #expect(error?.message.contains("cannot be reached") == true, "\(error?.message ?? "")")
    }

    @Test func aWrongPasswordIsStorageUnavailableNamingTheRole() throws {
        let server = try PostgresServer.shared()
        let url = server.url(database: "postgres", user: PostgresServer.passwordRole.user, password: "wrong")
        let error = failure { try LedgerService.openStore(path: url) }
        #expect(error?.reason == .storage_unavailable)
        #expect(error?.message.contains("wrong password") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("wrong\"") != true, "the password is never repeated")
    }

    @Test func aMissingDatabaseSaysToCreateIt() throws {
        let server = try PostgresServer.shared()
        let error = failure { try LedgerService.openStore(path: server.url(database: "no_such_ledger")) }
        #expect(error?.reason == .storage_unavailable)
        #expect(error?.message.contains("createdb") == true, "\(error?.message ?? "")")
    }

    @Test func aDatabaseThatIsNotALedgerIsRefusedClearly() async throws {
        let server = try PostgresServer.shared()
        let url = try server.createDatabase()
        let place = try Backend.postgres.place()
        defer { place.remove() }
        let name = URLComponents(string: url).map { String($0.path.dropFirst()) } ?? ""
        try server.psql(name, "CREATE TABLE orders (id int)")
        let opened = failure { try LedgerService.openStore(path: url) }
        #expect(opened?.reason == .ledger_invalid)
        #expect(opened?.message.contains("is not a Jiazhou ledger") == true, "\(opened?.message ?? "")")
        var created: LedgerError?
        do {
            _ = try await LedgerService.initialize(path: url, keyPath: place.keyPath, setup: LedgerSetup(origin: "x.test/y", district: TestLedger.district))
        } catch { created = error }
        #expect(created?.message.contains("is not empty") == true, "\(created?.message ?? "")")
    }

    @Test func aPostgresLedgerNeedsAKeyFile() async throws {
        let url = try PostgresServer.shared().createDatabase()
        var refused: LedgerError?
        do { _ = try await LedgerService.initialize(path: url, setup: LedgerSetup(origin: "x.test/y", district: TestLedger.district)) } catch { refused = error }
        #expect(refused?.reason == .invalid_request)
        #expect(refused?.message.contains("--key") == true)
    }

    /// A connection killed inside a write transaction: the write fails as
    /// storage_unavailable, nothing of it is kept, and the next one works.
    @Test
    func aConnectionLostMidTransactionLeavesNothingAndTheNextWriteWorks() async throws {
        let (ledger, place) = try await Backend.postgres.ledger()
        defer { place.remove() }
        let server = try PostgresServer.shared()
        let before = try ledger.service.info()
        let database = place.database
        var lost: LedgerError?
        do {
            try ledger.service.store.writeNow { writer in
                try writer.setMeta("half", "written")
                try server.psql(database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
                try writer.setMeta("never", "written")
            }
        } catch { lost = error }
        #expect(lost?.reason == .storage_unavailable, "\(String(describing: lost))")
        #expect(try ledger.service.store.read { try $0.meta("half") } == nil)
        #expect(try ledger.service.info().size == before.size)
        let award = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.baiyangOffice, key: "after")
        #expect(award.seq == before.size)
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
    }

    /// SPEC §17: a direct SQL edit of an entry's bytes is caught by `verify`, as on SQLite.
    @Test func anEditedEntryIsCaughtByVerify() async throws {
        let (ledger, place) = try await Backend.postgres.ledger()
        defer { place.remove() }
        let award = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity(minutes: 120)), actor: TestLedger.baiyangOffice, key: nil)
        #expect(try ledger.service.verify(VerifyRequest(), actor: TestLedger.root).ok)
        try PostgresServer.shared().psql(
            place.database,
            "UPDATE entries SET bytes = set_byte(bytes, 20, get_byte(bytes, 20) # 1) WHERE seq = \(award.seq)")
        let report = try ledger.service.verify(VerifyRequest(), actor: TestLedger.root)
        #expect(!report.ok)
        let outcome = try CommandRunner.run(["verify", "--db", place.path])
        #expect(outcome.status != 0, "\(outcome.stdout)")
    }

    private static func awardLine(id: Int, key: String, volunteer: Int, activity: String) -> String {
        let params: JSONValue = [
            "actor": "operator:root", "key": .string(key), "volunteer": .string(TestLedger.volunteer(volunteer).text),
            "activity": [
                "id": .string(activity), "category": "environment", "minutes": 120, "start": "2026-11-23T08:30:00+08:00", "scope": .string(TestLedger.baiyang.path),
            ],
        ]
        return JSONValue.object(["jsonrpc": "2.0", "id": .integer(Int64(id)), "method": "award", "params": params]).canonicalText
    }

    /// Two `jiazhou rpc` processes on one PostgreSQL ledger, racing: their
    /// own keys and 20 keys they share. One gap-free chain, each key written
    /// once (both processes are told the same seq), and verify passes.
    @Test func twoRPCProcessesOnOneLedgerTakeTurnsAtTheHead() async throws {
        let (ledger, place) = try await Backend.postgres.ledger()
        defer { place.remove() }
        let start = try ledger.service.info().size
        let own = 100, shared = 20
        let streams = ["a", "b"].map { name in
            (0..<own).map { Self.awardLine(id: $0, key: "\(name)-\($0)", volunteer: 1 + $0 % 3, activity: "\(name)-\($0)") }
                + (0..<shared).map { Self.awardLine(id: own + $0, key: "shared-\($0)", volunteer: 1, activity: "shared-\($0)") }
        }
        let processes = try streams.map { lines in
            let rpc = try ChildProcess(["rpc", "--db", place.path, "--key", place.keyPath])
            rpc.writeInBackground(lines.joined(separator: "\n") + "\n", thenClose: true)
            return rpc
        }
        var seqs: [[Int: Int64]] = []
        for rpc in processes {
            var byID: [Int: Int64] = [:]
            while byID.count < own + shared, let line = rpc.readLine(timeoutSeconds: 120) {
                let response = try JSONParser.parse(Array(line.utf8))
                let id = Int(try #require(response["id"]?.integerValue))
                byID[id] = try #require(response["result"]?["seq"]?.integerValue, "\(line)")
            }
            #expect(rpc.waitForExit(timeoutSeconds: 60) == 0, "\(rpc.stderr)")
            seqs.append(byID)
        }
        let ownSeqs = (0..<own).flatMap { [seqs[0][$0], seqs[1][$0]] }.compactMap { $0 }
        let sharedA = (own..<own + shared).map { seqs[0][$0] }, sharedB = (own..<own + shared).map { seqs[1][$0] }
        #expect(sharedA == sharedB, "a shared key written twice")
        let all = Set(ownSeqs + sharedA.compactMap { $0 })
        #expect(all.count == 2 * own + shared, "a seq acknowledged twice")
        let size = try ledger.service.info().size
        // Awards and their checkpoints are the only writes: every acknowledged seq is in the chain, with no gap.
        #expect(all.allSatisfy { $0 >= start && $0 < size })
        #expect(size == start + Int64(2 * own + shared))
        #expect(try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
        let outcome = try CommandRunner.run(["verify", "--db", place.path])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
    }
}
