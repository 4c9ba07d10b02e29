import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

@Suite struct AccountTests {
    @Test func openingAnAccountTwiceIsRefused() async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal {
            try await ledger.service.openAccount(AccountOpenRequest(account: TestLedger.volunteer(1), scope: TestLedger.baiyang), actor: TestLedger.root, key: nil)
        }
        #expect(reason == .account_exists)
    }

    @Test func personalDataStaysOffTheChain() async throws {
        let ledger = try await TestLedger.make()
        let opened = try await ledger.service.openAccount(
            AccountOpenRequest(account: TestLedger.volunteer(20), scope: TestLedger.baiyang, profile: ["name": "李秀英", "phone": "19900001234"]),
            actor: TestLedger.root, key: nil)
        let entry = try ledger.service.entry(EntryGetRequest(seq: opened.seq), actor: TestLedger.root).entry
        #expect(!entry.canonicalText.contains("李秀英"))
        #expect(!entry.canonicalText.contains("19900001234"))
        #expect(entry["data"]?["profile"]?.stringValue?.count == 64)
    }

    @Test func anIssuerIsNamedByTheScopeItPaysFor() async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal {
            try await ledger.service.openAccount(
                AccountOpenRequest(account: .issuer(for: TestLedger.baiyangGrid), scope: TestLedger.jiangbin), actor: TestLedger.root, key: nil)
        }
        #expect(reason == .invalid_request)
    }

    @Test func onlyIssuersHaveABudget() async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal {
            try await ledger.service.openAccount(
                AccountOpenRequest(account: TestLedger.volunteer(30), scope: TestLedger.baiyang, budget: 10), actor: TestLedger.root, key: nil)
        }
        #expect(reason == .invalid_request)
    }

    @Test func aProfileMustBeAnObjectOfModestSize() async throws {
        let ledger = try await TestLedger.make()
        let notObject = await refusal {
            try await ledger.service.openAccount(
                AccountOpenRequest(account: TestLedger.volunteer(31), scope: TestLedger.baiyang, profile: "李秀英"), actor: TestLedger.root, key: nil)
        }
        #expect(notObject == .invalid_request)
        let huge = await refusal {
            try await ledger.service.openAccount(
                AccountOpenRequest(account: TestLedger.volunteer(32), scope: TestLedger.baiyang, profile: ["note": .string(String(repeating: "长", count: 2000))]),
                actor: TestLedger.root, key: nil)
        }
        #expect(huge == .too_large)
    }

    @Test func sinksCannotBeOpenedByAnyone() async throws {
        let ledger = try await TestLedger.make()
        let reason = await refusal {
            try await ledger.service.openAccount(
                AccountOpenRequest(account: AccountID(unchecked: .sink, "mine"), scope: TestLedger.district), actor: TestLedger.root, key: nil)
        }
        #expect(reason == .forbidden)
    }

    @Test func historyPagesThroughAnAccountsEntriesOldestFirst() async throws {
        let ledger = try await TestLedger.make()
        var seqs: [Int64] = []
        for minutes in [60, 90, 120, 150, 180] as [Int64] {
            seqs.append(
                try await ledger.service.award(
                    AwardRequest(volunteer: TestLedger.volunteer(3), activity: TestLedger.activity("a\(minutes)", minutes: minutes)), actor: TestLedger.root,
                    key: nil
                ).seq)
        }
        let opened = try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(3)), actor: TestLedger.root).openedSeq
        let first = try ledger.service.history(AccountHistoryRequest(account: TestLedger.volunteer(3), limit: 3), actor: TestLedger.root)
        #expect(first.entries.map(\.seq) == [opened] + seqs.prefix(2))
        #expect(first.entries.map(\.points) == [0, 10, 15])
        let second = try ledger.service.history(AccountHistoryRequest(account: TestLedger.volunteer(3), after: first.next, limit: 3), actor: TestLedger.root)
        #expect(second.entries.map(\.seq) == Array(seqs.suffix(3)))
        #expect(second.next == nil)
        #expect(refusal { try ledger.service.history(AccountHistoryRequest(account: TestLedger.volunteer(3), limit: 0), actor: TestLedger.root) } == .invalid_request)
    }

    @Test func starsFollowCountedServiceHours() async throws {
        let ledger = try await TestLedger.make()
        for day in 0..<13 {  // 13 × 8 h = 104 h ≥ 100 h: one star
            _ = try await ledger.service.award(
                AwardRequest(volunteer: TestLedger.volunteer(2), activity: TestLedger.activity("day\(day)", minutes: 480)), actor: TestLedger.root, key: nil)
        }
        let view = try ledger.service.account(AccountGetRequest(account: TestLedger.volunteer(2)), actor: TestLedger.root)
        #expect(view.hours == 104)
        #expect(view.stars == 1)
    }
}
