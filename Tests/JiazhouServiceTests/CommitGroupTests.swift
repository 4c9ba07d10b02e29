import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct CommitGroupTests {
    @Test func concurrentAwardsCommitInGroupsEachWithASignedCheckpoint() async throws {
        let ledger = try await TestLedger.make(inFile: true)
        defer { ledger.remove() }
        let service = ledger.service
        let before = try service.info().size
        let results = try await withThrowingTaskGroup(of: AwardResult.self) { group in
            for i in 0..<400 {
                group.addTask {
                    try await service.award(
                        AwardRequest(volunteer: TestLedger.volunteer(1 + i % 5), activity: TestLedger.activity("act-\(i)", scope: TestLedger.district)),
                        actor: TestLedger.root, key: "k\(i)")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(results.map(\.seq)).count == 400)
        let info = try service.info()
        #expect(info.size == before + 400)
        let report = try service.verify(VerifyRequest(), actor: TestLedger.root)
        #expect(report.ok)
        // Grouped: far fewer checkpoints (one per commit) than entries.
        #expect(report.checkpoints < Int(info.size))
    }

    @Test func aRefusedRequestLeavesTheRestOfItsGroupIntact() async throws {
        let ledger = try await TestLedger.make()
        let service = ledger.service
        let outcomes = await withTaskGroup(of: Reason?.self) { group in
            for i in 0..<50 {
                group.addTask {
                    let volunteer = i % 2 == 0 ? TestLedger.volunteer(1) : TestLedger.volunteer(99)
                    return await refusal {
                        try await service.award(AwardRequest(volunteer: volunteer, activity: TestLedger.activity("a\(i)")), actor: TestLedger.root, key: nil)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 25)
        #expect(outcomes.filter { $0 == .unknown_account }.count == 25)
        #expect(try service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root).balance == 25 * 20)
        #expect(try service.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }

    @Test func theLatestCheckpointSignsTheCurrentRootAndVerifiesWithThePublishedKey() async throws {
        let ledger = try await TestLedger.make()
        _ = try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        let info = try ledger.service.info()
        let note = try #require(info.checkpoint)
        let checkpoint = try Checkpoint.verified(note: note, by: NoteVerifier(verifierKey: info.verifierKey))
        #expect(checkpoint.size == info.size)
        #expect(checkpoint.root == info.root)
        #expect(checkpoint.origin == "jiazhou.test/shizhong")
        #expect(try ledger.service.checkpoint(CheckpointGetRequest()).note == note)
        #expect(refusal { try ledger.service.checkpoint(CheckpointGetRequest(size: 2)) } == .unknown_entry)
    }

    @Test func requestsEnqueuedOneAfterAnotherCommitInThatOrder() async throws {
        let ledger = try await TestLedger.make()
        let service = ledger.service
        // Enqueued without waiting: the award depends on the account opened just before it.
        var awards: [Durable<AwardResult>] = []
        for n in 50..<80 {
            _ = service.enqueueOpenAccount(AccountOpenRequest(account: TestLedger.volunteer(n), scope: TestLedger.baiyang), actor: TestLedger.root, key: nil)
            awards.append(
                service.enqueueAward(AwardRequest(volunteer: TestLedger.volunteer(n), activity: TestLedger.activity("a\(n)")), actor: TestLedger.root, key: nil))
        }
        var seqs: [Int64] = []
        for award in awards { seqs.append(try await award.value.seq) }
        #expect(seqs == seqs.sorted())
        #expect(try service.verify(VerifyRequest(), actor: TestLedger.root).ok)
    }
}
