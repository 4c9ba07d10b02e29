public import JiazhouCore
public import JiazhouService

/// The small, fixed ledger whose entries are `Ledger/vectors/ledger.json`:
/// written by the product itself (this service, a fixed clock and a seeded
/// random source), so that another implementation tests against the entries
/// the product really writes — awards with their facts, explanation,
/// periods and lot, a batch, a reversal, a redemption — and a test holds
/// the file to what the product writes today.
public enum VectorLedger {
    public static let origin = "jiazhou.example/shizhong"

    /// A rule set short enough to read in the vectors: two categories, a
    /// weekend bonus and a silver-age bonus, the day's cap, three days of
    /// public notice, expiry after two years.
    public static let rules = """
        version: 1
        name: vector rules
        timezone: Asia/Shanghai
        categories:
          environment: {label: 环境整治, points_per_hour: 10}
          elder_care: {label: 帮扶老弱, points_per_hour: 15}
        rules:
          - id: weekend_holiday
            label: 周末服务 +20%
            when: calendar.weekend || calendar.holiday
            percent: 20
          - id: silver_age
            label: 银龄行动志愿者 +5
            when: volunteer.tags.exists(t, t in ["银龄"])
            bonus: 5
        caps:
          day: {minutes: 480}
        pending_days: 3
        expiry_months: 24

        """

    /// Builds the ledger and returns it with its clock.
    public static func make() async throws -> (service: LedgerService, clock: ManualClock) {
        let clock = ManualClock(Timestamp(rfc3339: "2026-11-21T01:00:00Z")!)
        let service = try await LedgerService.inMemory(
            setup: LedgerSetup(origin: origin, district: try Scope("shizhong"), rules: rules), clock: clock, random: SeededRandom(seed: 2026))
        let baiyang = try Scope("shizhong/tongjiang/baiyang")
        let grid = try Scope("shizhong/tongjiang/baiyang/g01")
        let root = AccountID.rootOperator
        let office = AccountID(unchecked: .coordinator, "office-baiyang")
        let v1 = AccountID(unchecked: .volunteer, "V000001"), v2 = AccountID(unchecked: .volunteer, "V000002")
        let cafe = AccountID(unchecked: .merchant, "jiulongxiang-cafe")
        func tick() { clock.advance(milliseconds: 60_000) }
        for request in [
            AccountOpenRequest(account: .issuer(for: baiyang), scope: baiyang, budget: 30_000),
            AccountOpenRequest(account: office, scope: baiyang),
            AccountOpenRequest(account: v1, scope: grid, tags: ["银龄"], profile: ["name": "李秀英", "phone": "13900000001"]),
            AccountOpenRequest(account: v2, scope: grid),
            AccountOpenRequest(account: cafe, scope: baiyang, tags: ["咖啡"]),
        ] {
            tick()
            _ = try await service.openAccount(request, actor: root, key: nil)
        }
        tick()
        let visit = Activity(
            id: "A20261121-01", category: "elder_care", minutes: 150, start: "2026-11-21T09:00:00+08:00", scope: baiyang, tags: ["一老一小"],
            title: "重阳节敬老院探访")
        _ = try await service.award(AwardRequest(volunteer: v1, activity: visit), actor: office, key: "award-A20261121-01-V000001")
        tick()
        let cleanup = BatchActivity(
            id: "A20261122-02", category: "environment", minutes: 120, start: "2026-11-22T08:30:00+08:00", scope: baiyang, title: "社区清洁日 \"周日\"")
        let batch = try await service.awardBatch(
            AwardBatchRequest(activity: cleanup, participants: [.init(volunteer: v1, minutes: nil), .init(volunteer: v2, minutes: 600)]), actor: office,
            key: "batch-A20261122-02")
        tick()
        _ = try await service.reverse(ReverseRequest(seq: batch.seqs[1], reason: "重复登记 duplicate"), actor: office, key: "reverse-\(batch.seqs[1])")
        // Past the public notice: the first award's points are spendable.
        clock.advance(milliseconds: 4 * 86_400_000)
        let code = try await service.redeemCode(RedeemCodeRequest(volunteer: v1), actor: v1, key: nil)
        tick()
        _ = try await service.redeem(RedeemRequest(merchant: cafe, code: code.code, points: 20, item: "手冲咖啡一杯"), actor: cafe, key: "redeem-0001")
        return (service, clock)
    }
}
