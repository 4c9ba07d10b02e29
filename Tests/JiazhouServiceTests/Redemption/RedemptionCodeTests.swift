import Foundation
import Synchronization
import JiazhouCore
import JiazhouService
import JiazhouStore
import JiazhouTesting
import Testing

@Suite struct RedemptionCodeTests {
    @Test func aCodeIsEightUnambiguousCharactersInTwoGroupsLivingTheRuleSetsMinutes() async throws {
        let fixture = try await RedemptionFixture.make()
        let issued = try await fixture.service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.volunteer(1), key: nil)
        #expect(issued.code.wholeMatch(of: /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/) != nil)
        #expect(issued.expires.millisecondsSince1970 - fixture.ledger.clock.now().millisecondsSince1970 == 10 * 60_000)
        let another = try await fixture.code()
        #expect(another != issued.code)
    }

    @Test func codesAreStoredOnlyAsTheirHash() async throws {
        let fixture = try await RedemptionFixture.make(inFile: true)
        defer { fixture.ledger.remove() }
        let code = try await fixture.code()
        let typed = try #require(RedemptionCode(typed: code))
        let stored = try fixture.service.store.read { try $0.redemptionCode(hash: typed.hash) }
        #expect(stored?.volunteer == TestLedger.volunteer(1))
        #expect(stored?.usedSeq == nil)
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.ledger.directory!)
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.ledger.directory! + "/" + file))
            #expect(bytes.range(of: Data(typed.characters.utf8)) == nil, "\(file) holds the code in clear")
        }
    }

    @Test func issuingACodeWritesNoEntry() async throws {
        let fixture = try await RedemptionFixture.make()
        let before = try fixture.service.info().size
        _ = try await fixture.code()
        #expect(try fixture.service.info().size == before)
    }

    @Test func aTillMayTypeTheCodeLooselyAsCrockfordAllows() throws {
        let code = try #require(RedemptionCode(typed: "K7QD-3M9X"))
        #expect(RedemptionCode(typed: "k7qd3m9x") == code)
        #expect(RedemptionCode(typed: " K7QD 3M9X ") == code)
        #expect(RedemptionCode(typed: "1OIL-0000") == RedemptionCode(typed: "1011-0000"))
        for bad in ["K7QD-3M9", "K7QD-3M9XY", "K7QD-3M9U", "K7QD-3M9!", ""] { #expect(RedemptionCode(typed: bad) == nil, "\(bad)") }
    }

    @Test func onlyTheVolunteerOrAnOperatorMayAskForItsCodes() async throws {
        let fixture = try await RedemptionFixture.make()
        let request = RedeemCodeRequest(volunteer: TestLedger.volunteer(1))
        for actor in [TestLedger.volunteer(2), TestLedger.baiyangOffice, TestLedger.merchant] {
            #expect(await refusal { try await fixture.service.redeemCode(request, actor: actor, key: nil) } == .forbidden, "\(actor)")
        }
        #expect(await refusal { try await fixture.service.redeemCode(request, actor: TestLedger.root, key: nil) } == nil)
        #expect(await refusal { try await fixture.service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(404)), actor: TestLedger.root, key: nil) } == .unknown_account)
        #expect(await refusal { try await fixture.service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.merchant), actor: TestLedger.root, key: nil) } == .invalid_request)
    }

    @Test func aCodeTakesNoIdempotencyKeyBecauseItsResultIsASecret() async throws {
        let fixture = try await RedemptionFixture.make()
        let reason = await refusal {
            try await fixture.service.redeemCode(RedeemCodeRequest(volunteer: TestLedger.volunteer(1)), actor: TestLedger.volunteer(1), key: "code-1")
        }
        #expect(reason == .invalid_request)
    }
}

/// Gives the same 5 bytes to the first `repeats` draws of a code's size, so
/// that codes collide; every other draw comes from a seeded generator.
private final class CollidingCodes: RandomSource {
    private let seeded = SeededRandom()
    private let repeats: Int
    private let drawn = Mutex(0)

    init(repeats: Int) { self.repeats = repeats }

    func bytes(_ count: Int) -> [UInt8] {
        guard count == 5, drawn.withLock({ drawn in defer { drawn += 1 }; return drawn < repeats }) else { return seeded.bytes(count) }
        return [0, 0, 0, 0, 0]
    }
}

@Suite struct RedemptionCodeCollisionTests {
    private func service(_ random: some RandomSource) async throws -> LedgerService {
        let setup = LedgerSetup(origin: "jiazhou.test/collisions", district: TestLedger.district, rules: TestLedger.plainRules)
        let service = try await LedgerService.inMemory(setup: setup, clock: ManualClock(), random: random)
        _ = try await service.openAccount(AccountOpenRequest(account: TestLedger.volunteer(1), scope: TestLedger.district), actor: TestLedger.root, key: nil)
        return service
    }

    @Test func aDrawnCodeThatIsTakenIsDrawnAgain() async throws {
        let service = try await service(CollidingCodes(repeats: 3))
        let request = RedeemCodeRequest(volunteer: TestLedger.volunteer(1))
        let first = try await service.redeemCode(request, actor: TestLedger.root, key: nil).code
        let second = try await service.redeemCode(request, actor: TestLedger.root, key: nil).code
        #expect(first == "0000-0000")
        #expect(second != first)
    }

    @Test func aRandomSourceThatNeverChangesIsRefusedNotLooped() async throws {
        let service = try await service(CollidingCodes(repeats: .max))
        let request = RedeemCodeRequest(volunteer: TestLedger.volunteer(1))
        _ = try await service.redeemCode(request, actor: TestLedger.root, key: nil)
        #expect(await refusal { try await service.redeemCode(request, actor: TestLedger.root, key: nil) } == .storage_unavailable)
    }
}
