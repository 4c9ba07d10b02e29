import Foundation
import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// Every published reason is triggered by a real request (TigerBeetle's
/// rule: a result code nobody can produce is a result code nobody tested).
@Suite struct ReasonCoverageTests {
    @Test(arguments: Reason.allCases)
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
            // Under the default rules points wait out a 7-day public notice.
            _ = try? await service.award(award, actor: TestLedger.root, key: nil)
            return await refusal { try await redeem(1, ledger) }
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
        case .unknown_code:
            return await refusal {
                try await service.redeem(RedeemRequest(merchant: TestLedger.merchant, code: "ZZZZ-ZZZZ", points: 1), actor: TestLedger.merchant, key: nil)
            }
        case .code_expired:
            let code = try? await service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.volunteer(1), key: nil).code
            ledger.clock.advance(milliseconds: 10 * 60_000)
            return await refusal { try await service.redeem(RedeemRequest(merchant: TestLedger.merchant, code: code ?? "", points: 1), actor: TestLedger.merchant, key: nil) }
        case .code_used:
            _ = try? await service.award(award, actor: TestLedger.root, key: nil)
            ledger.clock.advance(milliseconds: 8 * 86_400_000)
            let code = try? await service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.volunteer(1), key: nil).code
            let request = RedeemRequest(merchant: TestLedger.merchant, code: code ?? "", points: 1)
            _ = try? await service.redeem(request, actor: TestLedger.merchant, key: nil)
            return await refusal { try await service.redeem(request, actor: TestLedger.merchant, key: nil) }
        case .limit_exceeded:
            // The default rules let a volunteer spend 500 points a day.
            for day in 0..<5 {
                let activity = TestLedger.activity("day-\(day)", category: "elder_care", minutes: 480, start: "2026-11-2\(3 + day)T08:00:00+08:00")
                _ = try? await service.award(AwardRequest(volunteer: TestLedger.volunteer(1), activity: activity), actor: TestLedger.root, key: nil)
            }
            ledger.clock.advance(milliseconds: 8 * 86_400_000)
            guard let balance = try? service.account(AccountGetRequest(account: TestLedger.volunteer(1)), actor: TestLedger.root).balance, balance > 500 else { return nil }
            return await refusal { try await redeem(501, ledger) }
        case .transfer_not_allowed:
            // The default rules allow gifts only to silver-age volunteers; volunteer 3 is not one.
            _ = try? await service.award(AwardRequest(volunteer: TestLedger.volunteer(2), activity: TestLedger.activity()), actor: TestLedger.root, key: nil)
            ledger.clock.advance(milliseconds: 8 * 86_400_000)
            return await refusal {
                try await service.transfer(
                    TransferRequest(from: TestLedger.volunteer(2), to: TestLedger.volunteer(3), points: 1), actor: TestLedger.volunteer(2), key: nil)
            }
        case .account_suspended:
            _ = try? await service.updateAccount(AccountUpdateRequest(account: TestLedger.merchant, status: .suspended), actor: TestLedger.root, key: nil)
            return await refusal { try await redeem(1, ledger) }
        case .rate_limited:
            // The default rules stop a till after 10 codes never issued within 15 minutes.
            for _ in 0..<10 { _ = try? await service.redeem(RedeemRequest(merchant: TestLedger.merchant, code: "ZZZZ-ZZZZ", points: 1), actor: TestLedger.merchant, key: nil) }
            return await refusal { try await redeem(1, ledger) }
        case .unknown_item:
            let code = try? await service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.volunteer(1), key: nil).code
            return await refusal {
                try await service.redeem(RedeemRequest(merchant: TestLedger.merchant, code: code ?? "", points: nil, item: "拿铁"), actor: TestLedger.merchant, key: nil)
            }
        case .unknown_certificate:
            return refusal { try service.certificate(CertificateGetRequest(number: CertificateNumber(typed: "JZ-0000-0000-0000-0000-0000-0000-0000")!)) }
        case .nothing_to_do:
            return await refusal { try await service.settle(SettleRequest(merchant: TestLedger.merchant), actor: TestLedger.root, key: nil) }
        case .not_applicable:
            let catalogue = [CatalogueItem(item: "拿铁", points: 10)]
            return await refusal { try await service.updateAccount(AccountUpdateRequest(account: TestLedger.volunteer(1), catalogue: catalogue), actor: TestLedger.root, key: nil) }
        case .storage_unavailable:
            return await refusal { try await LedgerService.open(path: ledger.path!, readonly: true).award(award, actor: TestLedger.root, key: nil) }
        }
    }

    /// Redeems `points` of volunteer 1 at the test merchant with a fresh code.
    private func redeem(_ points: Int64, _ ledger: TestLedger) async throws -> RedeemResult {
        let code = try await ledger.service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.volunteer(1), key: nil).code
        return try await ledger.service.redeem(RedeemRequest(merchant: TestLedger.merchant, code: code, points: points), actor: TestLedger.merchant, key: nil)
    }

    @Test func reasonsKeepTheirWireNames() {
        #expect(Reason.allCases.map(\.rawValue) == [
            "invalid_request", "too_large", "forbidden", "unknown_account", "account_exists", "unknown_entry", "idempotency_conflict",
            "unknown_category", "rules_invalid", "not_reversible", "already_reversed", "insufficient_points", "ledger_invalid", "storage_unavailable", "cap_exceeded", "budget_exhausted",
            "unknown_code", "code_expired", "code_used", "limit_exceeded", "transfer_not_allowed", "account_suspended", "rate_limited", "unknown_item",
            "unknown_certificate", "nothing_to_do", "not_applicable",
        ])
    }
}
