import JiazhouCore
import JiazhouService
import JiazhouTesting
import Testing

/// Two merchants (or two tills) with one code: the one writer lets exactly
/// one redemption through and refuses the others with `code_used`.
@Suite struct RedemptionRaceTests {
    @Test func manyConcurrentRedemptionsOfOneCodeSucceedExactlyOnce() async throws {
        let fixture = try await RedemptionFixture.make(inFile: true)
        defer { fixture.ledger.remove() }
        try await fixture.earn(minutes: 480, activity: "a")  // 80
        let rounds = 50
        let contenders = 8
        for round in 0..<rounds {
            let code = try await fixture.code()
            let outcomes = await withTaskGroup(of: Reason?.self, returning: [Reason?].self) { group in
                for contender in 0..<contenders {
                    let merchant = contender.isMultiple(of: 2) ? RedemptionFixture.cafe : RedemptionFixture.teahouse
                    group.addTask {
                        await refusal { try await fixture.redeem(1, code: code, at: merchant) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 1, "round \(round): \(outcomes)")
            #expect(outcomes.filter { $0 == .code_used }.count == contenders - 1, "round \(round): \(outcomes)")
        }
        #expect(try fixture.balance(TestLedger.volunteer(1)) == Int64(80 - rounds))
        #expect(try fixture.balance(RedemptionFixture.cafe) + fixture.balance(RedemptionFixture.teahouse) == Int64(rounds))
        #expect(try fixture.verifies())
    }
}
