import JiazhouCore
@testable import JiazhouRules
import Testing

@Suite struct ParserTests {
    @Test(arguments: [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("a || b && c", "(|| a (&& b c))"),
        ("a && b || c", "(|| (&& a b) c)"),
        ("!a == b", "(== (! a) b)"),
        ("a < b == c", "(== (< a b) c)"),
        ("x in l && y", "(&& (in x l) y)"),
        ("a ? b : c ? d : e", "(?: a b (?: c d e))"),
        ("a || b ? c : d", "(?: (|| a b) c d)"),
        ("-x.y", "(- x.y)"),
        ("-5", "-5"),
        ("- -5", "(- -5)"),
        ("a.b.c[0].d", "(index a.b.c 0).d"),
        ("x.size()", "(size x.)"),
        ("size(x)", "(size x)"),
        ("has(a.b)", "(has a.b)"),
        ("[1, 2, x]", "(list 1 2 x)"),
        ("[1, 2,]", "[1, 2]"),
        ("{'a': 1, 'b': x}", "(map \"a\":1 \"b\":x)"),
        ("l.all(x, x > 0)", "(all l x (> x 0))"),
        ("l.map(x, x > 0, x * 2)", "(map l x (> x 0) (* x 2))"),
        ("l.exists_one(x, x)", "(exists_one l x x)"),
        ("timestamp('2026-11-23T08:30:00+08:00')", "timestamp(\"2026-11-23T00:30:00Z\")"),
        ("timestamp(s)", "(timestamp s)"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
    ])
    func operatorsBindAsCelSays(source: String, tree: String) throws {
        #expect(try Parser.parse(source).description == tree)
    }

    @Test(arguments: [
        ("1 +", "expected a value", 1, 4),
        ("(1 + 2", "expected ')'", 1, 7),
        ("a ? b", "expected ':'", 1, 6),
        ("1 2", "after a complete expression", 1, 3),
        ("a.(b)", "expected a field or method name", 1, 3),
        ("[1, 2", "expected ']'", 1, 6),
        ("{'a' 1}", "expected ':' between a map key", 1, 6),
        ("has(a)", "has() takes one field selection", 1, 1),
        ("l.all(x)", "all() takes a variable and a predicate", 1, 3),
        ("l.map(1, 2)", "the first argument of map()", 1, 7),
        ("Msg{a: 1}", "message construction", 1, 4),
        (".a", "leading '.'", 1, 1),
        ("a &&\n  b ||\n  = c", "equality is '=='", 3, 3),
        ("9223372036854775808", "out of range", 1, 1),
        ("'银龄' in x +", "expected a value", 1, 12),
    ] as [(String, String, Int, Int)])
    func syntaxErrorsSayWhereWithLineAndColumn(source: String, message: String, line: Int, column: Int) {
        do {
            _ = try Expression(parsing: source)
            Issue.record("accepted \(source)")
        } catch {
            #expect(error.stage == .syntax)
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.position?.line == line)
            #expect(error.position?.column == column)
        }
    }

    @Test func nestingUpToTheDepthLimitParses() throws {
        let depth = Limits.expressionDepth
        #expect(throws: Never.self) { try Expression(parsing: String(repeating: "(", count: depth - 1) + "1" + String(repeating: ")", count: depth - 1)) }
        #expect(throws: Never.self) { try Expression(parsing: String(repeating: "!", count: depth - 1) + "true") }
    }

    @Test(arguments: [
        String(repeating: "(", count: Limits.expressionDepth + 1) + "1" + String(repeating: ")", count: Limits.expressionDepth + 1),
        String(repeating: "[", count: Limits.expressionDepth + 1) + String(repeating: "]", count: Limits.expressionDepth + 1),
        String(repeating: "!", count: Limits.expressionDepth + 1) + "true",
        (0...Limits.expressionDepth).map { "a\($0)" }.joined(separator: " + "),
        (0...Limits.expressionDepth).map { _ in "x" }.joined(separator: " || "),
        "x" + String(repeating: ".f", count: Limits.expressionDepth + 1),
        // Far past the limit: must be an error, not a stack overflow.
        String(repeating: "(", count: 100_000 / 2),
    ])
    func nestingPastTheDepthLimitIsRefused(source: String) {
        do {
            _ = try Parser.parse(String(source.prefix(Limits.expressionSourceBytes)))
            Issue.record("accepted a tree deeper than \(Limits.expressionDepth)")
        } catch {
            #expect(error.message.contains("nests more than \(Limits.expressionDepth) levels"), "\(error.message)")
        }
    }

    @Test func anExpressionLongerThanTheLimitIsRefused() {
        let long = "1" + String(repeating: " ", count: Limits.expressionSourceBytes)
        #expect(throws: Expression.Error.self) { try Expression(parsing: long) }
        #expect(throws: Never.self) { try Expression(parsing: String(long.prefix(Limits.expressionSourceBytes))) }
    }

    @Test func literalListsAndMapsAreFoldedButNotWhenAKeyRepeats() throws {
        #expect(try Parser.parse("[0, 6]").description == "[0, 6]")
        #expect(try Parser.parse("{1: 'a', 2: 'b'}").description == "{1: \"a\", 2: \"b\"}")
        #expect(try Parser.parse("{1: 'a', 1: 'b'}").description == "(map 1:\"a\" 1:\"b\")")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let error = Fixtures.compileError("'银龄' in volunteer.tagz")
        #expect(error?.position == SourcePosition(line: 1, column: 19, offset: 22))
    }
}
