import Foundation
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
