import Foundation
import GRDB
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// `jiazhou bench` sets the batched append beside the ledger's own rows
/// written with nothing else (`SchemaFloor`). That yardstick says how much of
/// the append is SQLite only if it writes exactly the rows the append wrote.
@Suite struct SchemaFloorTests {
    private static let tables = [
        "entries": "SELECT seq, leaf_hash, bytes FROM entries ORDER BY seq",
        "movements": "SELECT account, seq, points FROM movements ORDER BY account, seq",
        "lots": "SELECT seq, volunteer, points, remaining, available_ms, expires_ms FROM lots ORDER BY seq",
        "usage": "SELECT account, period, points, minutes FROM usage ORDER BY account, period",
        "subtrees": "SELECT level, idx, hash FROM subtrees ORDER BY level, idx",
        "accounts": "SELECT id, kind, scope, tags, budget, opened_seq, balance, earned, minutes FROM accounts ORDER BY id",
    ]

    private static func rows(_ path: String) throws -> [String: [[DatabaseValue]]] {
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        return try queue.read { db in
            try tables.mapValues { sql in try Row.fetchAll(db, sql: sql).map { Array($0.databaseValues) } }
        }
    }

    private func sheet(_ n: Int) -> AwardBatchRequest {
        AwardBatchRequest(
            activity: BatchActivity(id: "cleanup-\(n)", category: "environment", minutes: 60 + Int64(n) * 30, start: "2026-11-2\(n)T08:30:00+08:00", scope: TestLedger.baiyang),
            participants: (1...3).map { AwardBatchRequest.Participant(volunteer: TestLedger.volunteer($0), minutes: nil) })
    }

    @Test func theFloorWritesExactlyTheRowsTheAwardsWrote() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let first = try ledger.service.info().size
        for n in 1...4 { _ = try await ledger.service.awardBatch(sheet(n), actor: TestLedger.baiyangOffice, key: "sheet-\(n)") }
        let end = try ledger.service.info().size
        #expect(end - first == 12)
        let floor = ledger.directory! + "/floor.sqlite"
        let seconds = try SchemaFloor.writeRows(of: first..<end, from: ledger.path!, into: floor)
        #expect(seconds > 0)
        let written = try Self.rows(floor)
        let ledgerRows = try Self.rows(ledger.path!)
        for table in Self.tables.keys.sorted() {
            #expect(written[table] == ledgerRows[table], "\(table) holds what the ledger holds")
        }
        #expect(written["lots"]?.count == 12)
        #expect(written["usage"]?.isEmpty == false)
    }

    @Test func aBatchWithAwardsBeforeItIsRefused() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        _ = try await ledger.service.awardBatch(sheet(1), actor: TestLedger.baiyangOffice, key: "sheet-1")
        let first = try ledger.service.info().size
        _ = try await ledger.service.awardBatch(sheet(2), actor: TestLedger.baiyangOffice, key: "sheet-2")
        let end = try ledger.service.info().size
        // Usage cannot be split by seq: with an award before the batch, the copy would not be the batch's.
        #expect(throws: DatabaseError.self) {
            try SchemaFloor.writeRows(of: first..<end, from: ledger.path!, into: ledger.directory! + "/floor.sqlite")
        }
    }

    @Test func anExistingFileIsNotWrittenOver() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let size = try ledger.service.info().size
        #expect(throws: DatabaseError.self) { try SchemaFloor.writeRows(of: size..<size, from: ledger.path!, into: ledger.path!) }
        #expect(try ledger.service.info().size == size)
    }
}
