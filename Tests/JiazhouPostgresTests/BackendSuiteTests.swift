import Foundation
import JiazhouCore
import JiazhouService
import JiazhouStorage
import JiazhouTesting
import Testing

/// The service's core behaviours, on SQLite and on PostgreSQL alike: one
/// suite, parameterised by ``Backend``.
@Suite(.timeLimit(.minutes(5))) struct BackendSuiteTests {
    private func award(_ ledger: TestLedger, _ volunteer: Int = 1, minutes: Int64 = 120, id: String = "cleanup-1", key: String? = nil) async throws -> AwardResult {
        try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(volunteer), activity: TestLedger.activity(id, minutes: minutes)), actor: TestLedger.baiyangOffice, key: key)
    }

    private func verifies(_ ledger: TestLedger) throws -> Bool {
        let report = try ledger.service.verify(VerifyRequest(semantic: true), actor: TestLedger.root)
        if !report.ok { Issue.record("verify: \(report.problems.prefix(5))") }
        return report.ok
    }

    @Test(arguments: Backend.allCases)
    func awardsAreCountedInBalanceAndHistoryAndVerify(backend: Backend) async throws {
        let (ledger, place) = try await backend.ledger()
        defer { place.remove() }
        let first = try await award(ledger, minutes: 120)
        _ = try await award(ledger, minutes: 60, id: "cleanup-2")
        let view = try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        #expect(first.points == 20)
        #expect(view.balance == 30 && view.earned == 30 && view.minutes == 180)
        let history = try ledger.service.history(AccountHistoryRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        #expect(history.entries.reduce(0) { $0 + $1.points } == 30)
        #expect(try verifies(ledger))
    }

    /// `account.get`'s one-query read gives what the three reads it stands for give.
    @Test(arguments: Backend.allCases)
    func anAccountIsReadWithItsStatusAndTheRuleSetInForce(backend: Backend) async throws {
        let (ledger, place) = try await backend.ledger()
        defer { place.remove() }
        _ = try await ledger.service.updateAccount(
            AccountUpdateRequest(account: TestLedger.merchant, status: .suspended, reason: "核查"), actor: TestLedger.root, key: nil)
        try ledger.service.store.read { reader in
            for id in [TestLedger.merchant, TestLedger.volunteer(1), TestLedger.baiyangOffice, .issuer(for: TestLedger.baiyang)] {
                let together = try #require(try reader.accountWithStatus(id))
                #expect(together.account == (try reader.account(id)))
                #expect(together.status == (try reader.status(of: id)))
                #expect(together.ruleSetVersion == (try reader.currentRuleSetVersion()))
            }
            #expect(try reader.accountWithStatus(TestLedger.merchant)?.status == .suspended)
            #expect(try reader.accountWithStatus(TestLedger.volunteer(1))?.status == .active)
            #expect(try reader.accountWithStatus(TestLedger.volunteer(99)) == nil)
        }
        #expect(try ledger.service.account(AccountGetRequest(account: TestLedger.merchant), actor: TestLedger.root).status == .suspended)
    }

    @Test(arguments: Backend.allCases)
    func anIdempotencyKeyWritesOnce(backend: Backend) async throws {
        let (ledger, place) = try await backend.ledger()
        defer { place.remove() }
        let a = try await award(ledger, key: "k-1")
        let b = try await award(ledger, key: "k-1")
        #expect(a.seq == b.seq)
        #expect(try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root).balance == 20)
        let reason = await refusal { try await award(ledger, minutes: 60, key: "k-1") }
        #expect(reason == .idempotency_conflict)
    }

    @Test(arguments: Backend.allCases)
    func aBatchIsAwardedWholeOrRefusedWhole(backend: Backend) async throws {
        let (ledger, place) = try await backend.ledger()
        defer { place.remove() }
        let size = try ledger.service.info().size
        let activity = BatchActivity(id: "sheet", category: "environment", minutes: 120, start: "2026-11-30T08:30:00+08:00", scope: TestLedger.baiyang)
        let ok = try await ledger.service.awardBatch(
            AwardBatchRequest(activity: activity, participants: [1, 2, 3].map { AwardBatchRequest.Participant(volunteer: TestLedger.volunteer($0), minutes: nil) }),
            actor: TestLedger.baiyangOffice, key: "sheet-1")
        #expect(ok.seqs == [size, size + 1, size + 2])
        let bad = await refusal {
            try await ledger.service.awardBatch(
                AwardBatchRequest(
                    activity: BatchActivity(id: "sheet-2", category: "environment", minutes: 120, start: "2026-11-30T08:30:00+08:00", scope: TestLedger.baiyang),
                    participants: [AwardBatchRequest.Participant(volunteer: TestLedger.volunteer(1), minutes: nil), .init(volunteer: AccountID(unchecked: .volunteer, "V999999"), minutes: nil)]),
                actor: TestLedger.baiyangOffice, key: "sheet-2")
        }
        #expect(bad != nil)
        #expect(try ledger.service.info().size == size + 3)
        #expect(try verifies(ledger))
    }

    @Test(arguments: Backend.allCases)
    func aCodeIsRedeemedOnceAndAReversalTakesPointsBack(backend: Backend) async throws {
        let (ledger, place) = try await backend.ledger()
        defer { place.remove() }
        let earned = try await award(ledger, minutes: 240)
        let code = try await ledger.service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.volunteer(1), key: nil).code
        let redeemed = try await ledger.service.redeem(RedeemRequest(merchant: TestLedger.merchant, code: code, points: 15), actor: TestLedger.merchant, key: nil)
        #expect(redeemed.points == 15)
        let again = await refusal { try await ledger.service.redeem(RedeemRequest(merchant: TestLedger.merchant, code: code, points: 5), actor: TestLedger.merchant, key: nil) }
        #expect(again == .code_used)
        let lots = try ledger.service.store.read { try $0.openLots(of: TestLedger.volunteer(1)) }
        #expect(lots.map(\.remaining) == [25])
        let second = try await award(ledger, minutes: 60, id: "cleanup-2")
        _ = try await ledger.service.reverse(ReverseRequest(seq: second.seq, reason: "录入错误"), actor: TestLedger.baiyangOffice, key: nil)
        #expect(try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root).balance == 25)
        #expect(try ledger.service.entry(EntryGetRequest(seq: second.seq), actor: TestLedger.root).reversedBy != nil)
        #expect(earned.points == 40)
        #expect(try verifies(ledger))
    }

    @Test(arguments: Backend.allCases)
    func everyEntryIsProvableInTheLatestCheckpoint(backend: Backend) async throws {
        let (ledger, place) = try await backend.ledger()
        defer { place.remove() }
        let old = try ledger.service.checkpoint(CheckpointGetRequest())
        for i in 0..<5 { _ = try await award(ledger, 1 + i % 3, id: "a-\(i)") }
        let view = try ledger.service.checkpoint(CheckpointGetRequest())
        let checkpoint = try Checkpoint.verified(note: view.note, by: try NoteVerifier(verifierKey: ledger.service.verifierKey))
        for seq in 0..<checkpoint.size {
            let result = try ledger.service.inclusionProof(InclusionProofRequest(seq: seq, size: checkpoint.size), actor: TestLedger.root)
            #expect(result.root == checkpoint.root)
            #expect(result.proof.verifies(leafHash: result.leafHash, root: checkpoint.root, using: .sha256Ed25519))
        }
        let consistency = try ledger.service.consistencyProof(ConsistencyProofRequest(from: old.size, to: view.size), actor: TestLedger.root)
        #expect(consistency.proof.verifies(firstRoot: old.root, secondRoot: view.root, using: .sha256Ed25519))
    }

    /// The same requests with the same clock and seed give the same bytes, hashes and root on both backends.
    @Test func bothBackendsWriteTheSameBytes() async throws {
        var exports: [[[UInt8]]] = []
        var roots: [Hash] = []
        for backend in Backend.allCases {
            let (ledger, place) = try await backend.ledger()
            defer { place.remove() }
            for i in 0..<4 { _ = try await award(ledger, 1 + i % 2, id: "same-\(i)") }
            var lines: [[UInt8]] = []
            try LedgerService.export(store: ledger.service.store) { lines.append($0) }
            exports.append(lines)
            roots.append(try ledger.service.info().root)
        }
        #expect(exports[0] == exports[1])
        #expect(roots[0] == roots[1])
    }

    /// An export of either backend imports into the other with the same root.
    @Test(arguments: [(Backend.sqlite, Backend.postgres), (.postgres, .sqlite)])
    func anExportImportsIntoTheOtherBackendWithTheSameRoot(from: Backend, to: Backend) async throws {
        let (ledger, place) = try await from.ledger()
        defer { place.remove() }
        for i in 0..<3 { _ = try await award(ledger, 1 + i, id: "x-\(i)") }
        var lines: [Result<[UInt8], LedgerError>] = []
        try LedgerService.export(store: ledger.service.store) { lines.append(.success(Array($0.dropLast()))) }
        let target = try to.place()
        defer { target.remove() }
        let copy = try LedgerService.importLedger(path: target.path, keyPath: place.keyPath, lines: lines)
        let info = try ledger.service.info()
        #expect(copy.root == info.root && copy.head == info.head && copy.size == info.size && copy.signed)
        let reopened = try LedgerService.open(path: target.path, keyPath: place.keyPath)
        #expect(try reopened.verify(VerifyRequest(semantic: true), actor: TestLedger.root).ok)
        #expect(try reopened.account(AccountGetRequest(account: TestLedger.volunteer(2)), actor: TestLedger.root).balance == 20)
    }
}
