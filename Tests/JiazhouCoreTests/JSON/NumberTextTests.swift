import JiazhouCore
import Testing

/// Numbers outside the canonical form are refused by the strict parser, and
/// kept as exact text only when a transport asks (a JSON-RPC id is echoed as sent).
@Suite struct NumberTextTests {
    @Test(arguments: ["1.5", "-0.25", "1e3", "2E-7", "9007199254740993", "-12345678901234567890", "0.0"])
    func nonIntegerNumbersAreKeptAsTheirExactTextWhenAsked(text: String) throws {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
        let kept = try JSONParser.parseKeepingNumberText(Array("{\"id\":\(text)}".utf8))
        #expect(kept["id"] == .numberText(text))
        #expect(kept.containsNumberText)
        #expect(kept.canonicalText == "{\"id\":\(text)}")
    }

    @Test func integersStayIntegersEvenWhenNumberTextIsKept() throws {
        let kept = try JSONParser.parseKeepingNumberText(Array("[1,-2,9007199254740992]".utf8))
        #expect(kept == [1, -2, 9_007_199_254_740_992])
        #expect(!kept.containsNumberText)
    }

    @Test(arguments: ["01.5", "1.", ".5", "1e", "-", "1.5.2", "+1"])
    func malformedNumbersAreRefusedEitherWay(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parseKeepingNumberText(Array(text.utf8)) }
    }
}
