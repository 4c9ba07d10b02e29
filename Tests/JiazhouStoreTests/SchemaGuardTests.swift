import Foundation
import GRDB
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

/// The schema is the last line of defence: even a caller that skips the
/// service's checks cannot make a volunteer's balance negative or leave a
/// partial entry behind.
@Suite struct SchemaGuardTests {
    @Test func theStoreRefusesAnEntryThatWouldMakeAVolunteerNegative() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let store = ledger.service.store
        let before = try ledger.service.info()
        let failure = refusal {
            try store.writeNow { writer in
                let entry = Entry(
                    seq: writer.head.size, prev: writer.head.last, time: ledger.clock.now(), kind: .transfer, actor: TestLedger.root, key: nil,
                    postings: [try Posting(from: TestLedger.volunteer(1), to: TestLedger.volunteer(2), points: 5)], data: [:])
                try writer.append(entry)
            }
        }
        #expect(failure == .insufficient_points)
        #expect(try ledger.service.info() == before)
        #expect(try ledger.service.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }

    @Test func aPostingToAnAccountThatWasNeverOpenedWritesNothing() async throws {
        let ledger = try await TestLedger.make()
        let store = ledger.service.store
        let before = try ledger.service.info()
        let failure = refusal {
            try store.writeNow { writer in
                try writer.append(
                    Entry(
                        seq: writer.head.size, prev: writer.head.last, time: ledger.clock.now(), kind: .award, actor: TestLedger.root, key: nil,
                        postings: [try Posting(from: .issuer(for: TestLedger.baiyang), to: TestLedger.volunteer(77), points: 5)], data: [:]))
            }
        }
        #expect(failure == .unknown_account)
        #expect(try ledger.service.info() == before)
    }

    @Test(arguments: [
        "UPDATE accounts SET balance = -1 WHERE id = 'volunteer:V000001'",
        "UPDATE accounts SET balance = -1 WHERE id = 'merchant:jiulongxiang-cafe'",
        "UPDATE accounts SET balance = 3 WHERE id = 'coordinator:office-baiyang'",
        "UPDATE accounts SET minutes = -5 WHERE id = 'volunteer:V000001'",
        "INSERT INTO entries (seq, leaf_hash, bytes) VALUES (-1, zeroblob(32), 'x')",
        "INSERT INTO entries (seq, leaf_hash, bytes) VALUES (100000, zeroblob(31), 'x')",
        "INSERT INTO checkpoints (size, root, note) VALUES (0, zeroblob(32), '')",
    ])
    func constraintsRefuseImpossibleRowsEvenFromRawSQL(sql: String) async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let queue = try DatabaseQueue(path: try #require(ledger.path))
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: sql) } }
    }

    @Test func theDatabaseIsInWALModeWithFullSynchronousCommits() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let durability = try ledger.service.store.read { try $0.durability() }
        #expect(durability.journalMode == "wal")
        #expect(durability.synchronous == 2)
    }
}
