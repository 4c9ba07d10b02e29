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

    /// Every width of number, both signs and the extremes: the canonical
    /// writer's digits must be the decimal text, or hashes change.
    @Test func integersAreWrittenAsTheirDecimalText() {
        var numbers: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, 101, 1_000_000, 9_007_199_254_740_992, -9_007_199_254_740_992, .max, .min, .max - 1, .min + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            numbers += [power - 1, power, power + 1, -power]
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            numbers.append(Int64(bitPattern: state) >> Int64(state % 60))
        }
        for n in numbers {
            #expect(JSONValue.integer(n).canonicalText == String(n))
        }
    }

    @Test(arguments: ["01.5", "1.", ".5", "1e", "-", "1.5.2", "+1"])
    func malformedNumbersAreRefusedEitherWay(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parseKeepingNumberText(Array(text.utf8)) }
    }
}
