import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct AwardTests {
    @Test func awardPaysTheVolunteerFromTheIssuerOfTheActivityScope() async throws {
        let ledger = try await TestLedger.make()
        let result = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity(minutes: 125)), actor: TestLedger.baiyangOffice, key: nil)
        #expect(result.points == 20)  // 125 min × 10/h ÷ 60 = 20.8, rounded down
        #expect(result.minutes == 125)
        let volunteer = try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        #expect(volunteer.balance == 20)
        #expect(volunteer.earned == 20)
        #expect(volunteer.minutes == 125)
        let issuer = try ledger.service.account(AccountGetRequest(account: .issuer(for: TestLedger.baiyang)), actor: TestLedger.root)
        #expect(issuer.balance == -20)
    }

    @Test func theEntryRecordsTheActivityTheRuleSetAndTheExplanation() async throws {
        let ledger = try await TestLedger.make()
        let result = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity(category: "elder_care", minutes: 60)),
            actor: TestLedger.baiyangOffice, key: "k1")
        let entry = try ledger.service.entry(EntryGetRequest(seq: result.seq), actor: TestLedger.root).entry
        #expect(entry["kind"] == "award")
        #expect(entry["actor"] == "coordinator:office-baiyang")
        #expect(entry["key"] == "k1")
        #expect(entry["data"]?["activity"]?["category"] == "elder_care")
        #expect(entry["data"]?["rules"]?["version"] == 1)
        #expect(entry["data"]?["explanation"]?.arrayValue?.first?["points"] == 15)
        #expect(entry["postings"] == [["from": "issuer:shizhong/tongjiang/baiyang", "to": "volunteer:V000001", "points": 15]])
    }

    @Test func aGridActivityIsPaidByTheNearestIssuerAboveIt() async throws {
        let ledger = try await TestLedger.make()
        _ = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(2), activity: TestLedger.activity(scope: TestLedger.baiyangGrid)),
            actor: TestLedger.gridWorker, key: nil)
        let issuer = try ledger.service.account(AccountGetRequest(account: .issuer(for: TestLedger.baiyang)), actor: TestLedger.root)
        #expect(issuer.balance == -20)
    }

    @Test func aShortActivityRecordsServiceEvenWhenItEarnsNoPoints() async throws {
        let ledger = try await TestLedger.make()
        let result = try await ledger.service.award(
            AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity(category: "culture", minutes: 5)),
            actor: TestLedger.baiyangOffice, key: nil)
        #expect(result.points == 0)
        let view = try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        #expect(view.minutes == 5)
        #expect(view.balance == 0)
        let history = try ledger.service.history(AccountHistoryRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root)
        #expect(history.entries.last?.seq == result.seq)
    }

    @Test(arguments: [
        (Int64(0), "2026-11-23T08:30:00+08:00"), (-30, "2026-11-23T08:30:00+08:00"), (24 * 60 + 1, "2026-11-23T08:30:00+08:00"),
        (60, "2026-11-23 08:30"), (60, "2026-02-30T08:30:00+08:00"),
    ] as [(Int64, String)])
    func badActivitiesAreRefusedAndWriteNothing(minutes: Int64, start: String) async throws {
        let ledger = try await TestLedger.make()
        let before = try ledger.service.info().size
        let activity = Activity(id: "bad", category: "environment", minutes: minutes, start: start, scope: TestLedger.baiyang)
        let reason = await refusal {
            try await ledger.service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: activity), actor: TestLedger.root, key: nil)
        }
        #expect(reason == .invalid_request)
        #expect(try ledger.service.info().size == before)
    }

    @Test func anUnknownCategoryIsRefused() async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal {
            try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity(category: "karaoke")), actor: TestLedger.root, key: nil)
        }
        #expect(reason == .unknown_category)
    }

    @Test func anUnknownVolunteerIsRefused() async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal {
            try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(99), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        }
        #expect(reason == .unknown_account)
    }

    @Test func awardsGoOnlyToVolunteers() async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal {
            try await ledger.service.award(AwardRequest(volunteer: TestLedger.merchant, activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
        }
        #expect(reason == .invalid_request)
    }

    @Test func anActivityWithNoIssuerAboveItIsRefused() async throws {
        let ledger = try await TestLedger.make()
        let elsewhere = try Scope("elsewhere/street")
        let reason = await refusal {
            try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity(scope: elsewhere)), actor: TestLedger.root, key: nil)
        }
        #expect(reason == .unknown_account)
    }
}
