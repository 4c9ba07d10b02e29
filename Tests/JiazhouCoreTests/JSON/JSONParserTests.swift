import JiazhouCore
import Testing

@Suite("JSONParser")
struct JSONParserTests {
    private static func nested(_ depth: Int, open: String, close: String) -> String {
        String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
    }

    @Test(arguments: [
        [0x22, 0xFF, 0x22],
        [0x22, 0x80, 0x22],  // a continuation byte with no lead
        [0x22, 0xC0, 0x80, 0x22],  // overlong NUL
        [0x22, 0xED, 0xA0, 0x80, 0x22],  // an encoded surrogate (CESU-8)
        [0x22, 0xE4, 0xB8, 0x22],  // truncated sequence
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // beyond U+10FFFF
        [0x22, 0x5C, 0x6E, 0xFF, 0x22],  // after an escape (the scalar-by-scalar path)
        [0x22, 0x5C, 0x6E, 0xE4, 0xB8, 0x22],
        [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D],  // in a member name
        [0xFF],  // outside any string
    ] as [[UInt8]])
    func invalidUTF8IsRejected(_ bytes: [UInt8]) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bytes) }
    }

    @Test func validUTF8AfterAnEscapeIsKept() throws {
        let value = try JSONParser.parse(Array("\"\\n重😀\\t\"".utf8))
        #expect(value == .string("\n重😀\t"))
        #expect(value.canonicalBytes == Array("\"\\n重😀\\t\"".utf8))
    }

    @Test(arguments: [("[", "]"), ("{\"k\":", "}")])
    func nestingUpToTheLimitIsAcceptedAndOneDeeperIsRejected(open: String, close: String) throws {
        #expect(Limits.jsonDepth == 64)
        _ = try JSONParser.parse(Self.nested(Limits.jsonDepth, open: open, close: close))
        let failure = #expect(throws: JSONParser.Failure.self) {
            try JSONParser.parse(Self.nested(Limits.jsonDepth + 1, open: open, close: close))
        }
        #expect(failure?.offset == Limits.jsonDepth * open.utf8.count)
    }

    @Test func aSmallerDepthLimitCanBeAskedFor() throws {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("[[1]]", maxDepth: 1) }
        #expect(try JSONParser.parse("[[1]]", maxDepth: 2) == [[1]])
    }

    /// Each failure names the byte where the fault starts.
    @Test(arguments: [
        ("{\"a\":1,\"a\":2}", 7),  // the second "a"
        ("{\"a\":1,\"\\u0061\":2}", 7),  // a duplicate only after unescaping
        ("{\"x\":{\"k\":1,\"k\":2}}", 12),
        ("[1,2,]", 5),
        ("{\"a\":1.5}", 5),  // the number, not the '.'
        ("\"abc", 0),
        ("[1] x", 4),
        ("01", 0),
        ("tru", 0),
        ("{\"a\" 1}", 5),
        ("[\"\\x\"]", 2),
        ("[1,\"a\tb\"]", 5),  // the raw tab
        ("", 0),
        ("[9007199254740993]", 1),
    ])
    func aFailureReportsTheByteOffsetWhereTheFaultStarts(text: String, offset: Int) {
        let failure = #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
        #expect(failure?.offset == offset)
        #expect(failure?.description.hasSuffix("at byte \(offset)") == true)
    }

    @Test func anInvalidUTF8StringIsReportedAtItsOpeningQuote() {
        let failure = #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x5B, 0x22, 0x6F, 0x6B, 0x22, 0x2C, 0x22, 0xFF, 0x22, 0x5D]) }
        #expect(failure?.offset == 6)
    }

    @Test(arguments: [
        ("9007199254740992", JSONValue.integer(9_007_199_254_740_992)),
        ("-9007199254740992", .integer(-9_007_199_254_740_992)),
        ("-0", .integer(0)),
        ("0", .integer(0)),
        ("-7", .integer(-7)),
    ])
    func integersWithin2Pow53AreExact(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test(arguments: ["-", "--1", "-a", "- 1", "1-", "99999999999999999999999"])
    func somethingThatOnlyLooksLikeANumberIsRejected(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    /// RFC 8785 §3.2.3 compares member names as UTF-16 code units, with no
    /// Unicode normalisation (see canonical.json `cyberphone_unicode_not_normalized`):
    /// "é" (U+00E9) and "e" + U+0301 are two different names; Swift would merge
    /// them, so the parser refuses the pair by policy (Ledger/SPEC.md §3).
    @Test func memberNamesThatDifferOnlyInUnicodeNormalisationAreRefusedByPolicy() {
        let text = "{\"\u{E9}\":1,\"e\u{301}\":2}"
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            (error as? JSONParser.Failure)?.message.contains("differ only in Unicode normalisation") == true
        }
    }
}
