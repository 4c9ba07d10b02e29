import Foundation
import GRDB
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// `jiazhou verify` on a ledger file that someone edited behind the ledger's
/// back: each edit must be caught, named with the seq where it starts, and
/// make the command exit non-zero.
@Suite struct TamperTests {
    /// A file ledger with awards and a reversal over several commits: the test
    /// district fills seqs 0–17, the awards 18–23, the reversal of 23 is 24.
    private func ledger() async throws -> (TestLedger, String) {
        let ledger = try await TestLedger.make(inFile: true)
        for i in 0..<6 {
            _ = try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(1 + i % 3), activity: TestLedger.activity("a\(i)", minutes: 60 + Int64(i) * 30)),
                actor: TestLedger.root, key: nil)
        }
        let last = try ledger.service.info().size - 1
        _ = try await ledger.service.reverse(ReverseRequest(seq: last, reason: "test"), actor: TestLedger.root, key: nil)
        return (ledger, try #require(ledger.path))
    }

    private func tamper(_ path: String, _ edit: (Database) throws -> Void) throws {
        var config = Configuration()
        config.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.write(edit)
        try queue.close()
    }

    private func verify(_ path: String) throws -> CommandRunner.Outcome {
        try CommandRunner.run(["verify", "--db", path])
    }

    @Test func anUntouchedLedgerVerifies() async throws {
        let (ledger, path) = try await ledger()
        defer { ledger.remove() }
        let outcome = try verify(path)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("ok:"))
    }

    @Test func oneChangedByteInAnEntryIsCaught() async throws {
        let (ledger, path) = try await ledger()
        defer { ledger.remove() }
        try tamper(path) { db in
            var bytes = [UInt8](try Data.fetchOne(db, sql: "SELECT bytes FROM entries WHERE seq = 19")!)
            let points = Array("\"points\":".utf8)
            let at = try #require((0..<bytes.count - points.count).first { Array(bytes[$0..<$0 + points.count]) == points })
            bytes[at + points.count] = bytes[at + points.count] == UInt8(ascii: "9") ? UInt8(ascii: "8") : UInt8(ascii: "9")
            try db.execute(sql: "UPDATE entries SET bytes = ? WHERE seq = 19", arguments: [Data(bytes)])
        }
        let outcome = try verify(path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("entry 19: stored leaf hash does not match"))
    }

    @Test func aChangedEntryWithItsLeafHashRecomputedIsStillCaught() async throws {
        let (ledger, path) = try await ledger()
        defer { ledger.remove() }
        try tamper(path) { db in
            let text = String(decoding: try Data.fetchOne(db, sql: "SELECT bytes FROM entries WHERE seq = 18")!, as: UTF8.self)
            let forged = Array(text.replacingOccurrences(of: "\"minutes\":60", with: "\"minutes\":61").utf8)
            try db.execute(
                sql: "UPDATE entries SET bytes = ?, leaf_hash = ? WHERE seq = 18", arguments: [Data(forged), Data(TreeHasher.leafHash(forged).bytes)])
        }
        let outcome = try verify(path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("entry 19: prev does not match"))
        #expect(outcome.stdout.contains("signs another root"))
    }

    @Test func aDeletedEntryIsCaught() async throws {
        let (ledger, path) = try await ledger()
        defer { ledger.remove() }
        try tamper(path) { db in try db.execute(sql: "DELETE FROM entries WHERE seq = 20") }
        let outcome = try verify(path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("entry 20: entries 20..<21 are missing"))
    }

    @Test func twoSwappedEntriesAreCaught() async throws {
        let (ledger, path) = try await ledger()
        defer { ledger.remove() }
        try tamper(path) { db in
            try db.execute(sql: "UPDATE entries SET seq = 1000000 WHERE seq = 19")
            try db.execute(sql: "UPDATE entries SET seq = 19 WHERE seq = 20")
            try db.execute(sql: "UPDATE entries SET seq = 20 WHERE seq = 1000000")
        }
        let outcome = try verify(path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("entry 19: the entry says seq 20 but is stored at 19"))
    }

    @Test func anEditedBalanceIsCaughtEvenWhenTheSumIsKeptAtZero() async throws {
        let (ledger, path) = try await ledger()
        defer { ledger.remove() }
        try tamper(path) { db in
            try db.execute(sql: "UPDATE accounts SET balance = balance + 500 WHERE id = 'volunteer:V000001'")
            try db.execute(sql: "UPDATE accounts SET balance = balance - 500 WHERE id = 'issuer:shizhong/tongjiang/baiyang'")
        }
        let outcome = try verify(path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("volunteer:V000001: stored balance"))
        #expect(outcome.stdout.contains("issuer:shizhong/tongjiang/baiyang: stored balance"))
    }

    @Test func anEditedBalanceBreaksTheZeroSum() async throws {
        let (ledger, path) = try await ledger()
        defer { ledger.remove() }
        try tamper(path) { db in try db.execute(sql: "UPDATE accounts SET balance = balance + 7 WHERE id = 'volunteer:V000002'") }
        let outcome = try verify(path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("the balances sum to 7, not zero"))
    }

    @Test func aCheckpointReSignedWithAnotherKeyIsCaught() async throws {
        let (ledger, path) = try await ledger()
        defer { ledger.remove() }
        let forger = try NoteSigner(name: "jiazhou.test/shizhong", seed: [UInt8](repeating: 7, count: 32))
        try tamper(path) { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT size, root FROM checkpoints ORDER BY size DESC LIMIT 1"))
            let checkpoint = Checkpoint(origin: "jiazhou.test/shizhong", size: row["size"], root: Hash(bytes: row["root"] as Data)!)
            try db.execute(sql: "UPDATE checkpoints SET note = ? WHERE size = ?", arguments: [forger.sign(checkpoint.body), checkpoint.size])
        }
        let outcome = try verify(path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("does not verify"))
    }

    @Test func aTruncatedChainIsCaughtByALaterCheckpoint() async throws {
        let (ledger, path) = try await ledger()
        defer { ledger.remove() }
        try tamper(path) { db in
            for table in ["entries"] { try db.execute(sql: "DELETE FROM \(table) WHERE seq >= 22") }
            try db.execute(sql: "DELETE FROM movements WHERE seq >= 22")
            try db.execute(sql: "DELETE FROM reversals WHERE reversal_seq >= 22")
        }
        let outcome = try verify(path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("a checkpoint was signed at size 25 but the ledger has only 22 entries"))
    }

    /// The figures caps and budgets are checked against: raising a
    /// volunteer's day so that later awards are capped, or lowering it so that
    /// a cap is escaped, is caught.
    @Test(arguments: [
        ("UPDATE usage SET minutes = minutes + 300 WHERE period LIKE 'day:%' AND account = 'volunteer:V000001'", "volunteer:V000001 day:"),
        ("UPDATE usage SET points = 0 WHERE period LIKE 'budget:%'", "stored usage 0 points"),
        ("DELETE FROM usage WHERE account = 'volunteer:V000002' AND period LIKE 'week:%'", "but the usage table has no row"),
        // Every row of one account: the account's run is missing from the scan altogether.
        ("DELETE FROM usage WHERE account = 'volunteer:V000002'", "volunteer:V000002 month:"),
        // Rows the entries never counted, sorting before and after the account's real periods.
        ("INSERT INTO usage (account, period, points, minutes) VALUES ('volunteer:V000001', 'day:1999-01-01', 5, 0)", "volunteer:V000001 day:1999-01-01: stored usage 5 points"),
        ("INSERT INTO usage (account, period, points, minutes) VALUES ('volunteer:V000001', 'week:9999-W01', 0, 7)", "volunteer:V000001 week:9999-W01: stored usage 0 points and 7 min"),
    ])
    func anEditedUsageFigureIsCaught(sql: String, named: String) async throws {
        let (ledger, path) = try await ledger()
        defer { ledger.remove() }
        try tamper(path) { db in try db.execute(sql: sql) }
        let outcome = try verify(path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains(named), "\(outcome.stdout)")
    }

    /// The lots points are spent from: a lot given more points than its award
    /// earned, or a lot removed, is caught, with the award's seq.
    @Test func anEditedOrDeletedLotIsCaught() async throws {
        let (ledger, path) = try await ledger()
        defer { ledger.remove() }
        try tamper(path) { db in
            try db.execute(sql: "UPDATE lots SET points = points + 50, remaining = remaining + 50 WHERE seq = 18")
            try db.execute(sql: "DELETE FROM lots WHERE seq = 19")
        }
        let outcome = try verify(path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("entry 18: the lot of award 18 is stored with"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("entry 19: the lot of award 19 is missing"), "\(outcome.stdout)")
    }
}
