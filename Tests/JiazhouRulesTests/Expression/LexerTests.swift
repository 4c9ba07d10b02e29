@testable import JiazhouRules
import Testing

@Suite struct LexerTests {
    private func kinds(_ source: String) throws -> [Token.Kind] {
        try Lexer.tokens(source).map(\.kind)
    }

    @Test func tokensCarryTheirByteOffsets() throws {
        let tokens = try Lexer.tokens("a.b >= 10 // note\n&& 'x'")
        #expect(tokens.map(\.offset) == [0, 1, 2, 4, 7, 18, 21, 24])
        #expect(tokens.map(\.kind) == [
            .identifier("a"), .punctuation(.dot), .identifier("b"), .punctuation(.greaterOrEqual), .integer(10),
            .punctuation(.and), .string("x"), .end,
        ])
    }

    @Test func twoCharacterOperatorsWinOverTheirPrefixes() throws {
        #expect(try kinds("<=<!=!") == [.punctuation(.lessOrEqual), .punctuation(.less), .punctuation(.notEqual), .punctuation(.not), .end])
    }

    @Test(arguments: [
        ("0x1F", 31), ("0XfF", 255), ("9223372036854775807", 9_223_372_036_854_775_807), ("9223372036854775808", 9_223_372_036_854_775_808),
    ] as [(String, UInt64)])
    func integerLiteralsAreDecimalOrHexadecimal(source: String, magnitude: UInt64) throws {
        #expect(try kinds(source) == [.integer(magnitude), .end])
    }

    @Test(arguments: [
        (#"'a\tb'"#, "a\tb"), (#""\x41\101\u00e9\U0001F431""#, "AAé🐱"), (#"r'\n'"#, "\\n"), ("'''a\n'b'''", "a\n'b"),
        (#""\"\\\`\?""#, "\"\\`?"), ("'银龄'", "银龄"), ("\"\"\"x\"\"\"", "x"),
    ])
    func stringLiteralsDecodeCelEscapes(source: String, text: String) throws {
        #expect(try kinds(source) == [.string(text), .end])
    }

    @Test(arguments: [
        ("1.5", "floating-point literals are not in this subset", 0),
        ("x + .5", "floating-point literals are not in this subset", 4),
        ("2e3", "floating-point", 0),
        ("7u", "unsigned literals", 0),
        ("b'ab'", "bytes literals", 0),
        ("18446744073709551616", "integer literal out of range", 0),
        ("'abc", "not closed", 0),
        ("'a\nb'", "cannot span lines", 2),
        (#"'\q'"#, "unknown escape", 1),
        (#"'\uD800'"#, "not a Unicode scalar", 1),
        (#"'\x4'"#, "2 hexadecimal digits", 1),
        ("a = 1", "equality is '=='", 2),
        ("a & b", "'&&'", 2),
        ("a | b", "'||'", 2),
        ("x # y", "unexpected character '#'", 2),
        ("let", "'let' is a reserved word", 0),
        ("12abc", "runs into a name", 2),
        ("0x", "needs hexadecimal digits", 0),
    ] as [(String, String, Int)])
    func badTokensAreRefusedWithTheirOffset(source: String, message: String, offset: Int) {
        do {
            _ = try Lexer.tokens(source)
            Issue.record("accepted \(source)")
        } catch {
            #expect(error.stage == .syntax)
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.offset == offset)
        }
    }

    @Test func keywordsAreTokensNotNames() throws {
        #expect(try kinds("true false null in index") == [.true, .false, .null, .in, .identifier("index"), .end])
    }
}
