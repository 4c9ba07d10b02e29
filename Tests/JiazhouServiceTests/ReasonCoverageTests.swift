import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// Every published reason is triggered by a real request (TigerBeetle's
/// rule: a result code nobody can produce is a result code nobody tested).
@Suite struct ReasonCoverageTests {
    /// Reasons that no operation can produce yet: nothing spends points until
    /// redemption and transfers land, so a reversal cannot find them spent.
    static let awaitingSpendingOperations: Set<Reason> = [.insufficient_points]

    @Test(arguments: Reason.allCases.filter { !awaitingSpendingOperations.contains($0) })
    func everyReasonIsTriggeredByARealRequest(reason: Reason) async throws {
        let ledger = try await TestLedger.make(inFile: true, rules: TestLedger.defaultRules)
        defer { ledger.remove() }
        #expect(await trigger(reason, ledger) == reason)
    }

    private func trigger(_ reason: Reason, _ ledger: TestLedger) async -> Reason? {
        let service = ledger.service
        let award = AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity())
        switch reason {
        case .invalid_request:
            return await refusal { try await service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity(minutes: 0)), actor: TestLedger.root, key: nil) }
        case .too_large:
            return await refusal {
                try await service.openAccount(
                    AccountOpenRequest(account: TestLedger.volunteer(40), scope: TestLedger.baiyang, profile: ["bio": .string(String(repeating: "x", count: 5000))]),
                    actor: TestLedger.root, key: nil)
            }
        case .forbidden:
            return await refusal { try await service.award(award, actor: TestLedger.jiangbinOffice, key: nil) }
        case .unknown_account:
            return await refusal { try await service.award(AwardRequest(volunteer: TestLedger.volunteer(404), activity: TestLedger.activity()), actor: TestLedger.root, key: nil) }
        case .account_exists:
            return await refusal { try await service.openAccount(AccountOpenRequest(account: TestLedger.merchant, scope: TestLedger.baiyang), actor: TestLedger.root, key: nil) }
        case .unknown_entry:
            return refusal { try service.entry(EntryGetRequest(seq: 10_000), actor: TestLedger.root) }
        case .idempotency_conflict:
            _ = try? await service.award(award, actor: TestLedger.root, key: "k")
            return await refusal { try await service.award(AwardRequest(volunteer: TestLedger.volunteer(2), activity: TestLedger.activity()), actor: TestLedger.root, key: "k") }
        case .unknown_category:
            return await refusal { try await service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity(category: "none")), actor: TestLedger.root, key: nil) }
        case .rules_invalid:
            return await refusal {
                try await LedgerService.initialize(path: ledger.directory! + "/r.sqlite", setup: LedgerSetup(origin: "x", district: TestLedger.district, rules: "name: x\n"))
            }
        case .not_reversible:
            return await refusal { try await service.reverse(ReverseRequest(seq: 0, reason: "genesis"), actor: TestLedger.root, key: nil) }
        case .already_reversed:
            guard let seq = try? await service.award(award, actor: TestLedger.root, key: nil).seq else { return nil }
            _ = try? await service.reverse(ReverseRequest(seq: seq, reason: "once"), actor: TestLedger.root, key: nil)
            return await refusal { try await service.reverse(ReverseRequest(seq: seq, reason: "twice"), actor: TestLedger.root, key: nil) }
        case .insufficient_points:
            return nil
        case .ledger_invalid:
            return refusal { try LedgerService.open(path: ledger.directory! + "/missing.sqlite") }
        case .cap_exceeded:
            let day = TestLedger.activity(minutes: 480)
            _ = try? await service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: day), actor: TestLedger.root, key: nil)
            return await refusal { try await service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity(minutes: 30)), actor: TestLedger.root, key: nil) }
        case .budget_exhausted:
            let grid = TestLedger.baiyangGrid
            _ = try? await service.openAccount(AccountOpenRequest(account: .issuer(for: grid), scope: grid, budget: 0), actor: TestLedger.root, key: nil)
            return await refusal {
                try await service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: TestLedger.activity(scope: grid)), actor: TestLedger.root, key: nil)
            }
        case .storage_unavailable:
            return await refusal { try await LedgerService.open(path: ledger.path!, readonly: true).award(award, actor: TestLedger.root, key: nil) }
        }
    }

    @Test func reasonsKeepTheirWireNames() {
        #expect(Reason.allCases.map(\.rawValue) == [
            "invalid_request", "too_large", "forbidden", "unknown_account", "account_exists", "unknown_entry", "idempotency_conflict",
            "unknown_category", "rules_invalid", "not_reversible", "already_reversed", "insufficient_points", "ledger_invalid", "storage_unavailable", "cap_exceeded", "budget_exhausted",
        ])
    }
}
