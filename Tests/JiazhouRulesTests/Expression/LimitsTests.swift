import JiazhouCore
@testable import JiazhouRules
import Testing

/// Every limit of the expression language (Core's Limits), met and exceeded.
@Suite struct LimitsTests {
    /// The deepest tree the parser accepts must also check and evaluate
    /// without exhausting a test thread's stack.
    @Test(arguments: [
        String(repeating: "!", count: Limits.expressionDepth - 2) + "true",
        (1..<Limits.expressionDepth).map { _ in "false" }.joined(separator: " || ") + " || true",
        String(repeating: "[", count: Limits.expressionDepth - 1) + "1" + String(repeating: "]", count: Limits.expressionDepth - 1) + " != []",
        "x" + String(repeating: ".f", count: Limits.expressionDepth - 2) + " == 1",
    ])
    func theDeepestAcceptedTreeChecksAndEvaluates(source: String) throws {
        var nested = Value.int(1), type = ValueType.int
        for _ in 0..<(Limits.expressionDepth - 2) {
            nested = .map(MapValue([(.string("f"), nested)])!)
            type = .record("x", ["f": type])
        }
        let expression = try Expression(source, schema: Schema(["x": type]))
        #expect(try expression.evaluate(Bindings(["x": nested])) == .bool(true))
    }

    /// Lists share their elements, so this builds a value of 2^30 strings in
    /// a few dozen steps; reading it whole must run out of steps, not memory.
    @Test(arguments: ["", ".size()", ".exists(x, x == x)", ".map(x, x + x).size()", ".map(x, 1 in x).size()"])
    func aValueTooBigToReadRunsOutOfSteps(suffix: String) throws {
        let source = (1...30).reduce("['a']") { acc, _ in "\(acc).map(x, [x, x])" } + suffix
        let expression = try Expression(parsing: source)
        if suffix == ".size()" {
            #expect(try expression.evaluate(Bindings()) == .int(1))
        } else {
            let error = try #require(throws: Evaluation.Error.self) { try expression.evaluate(Bindings()) }
            #expect(error.kind == .stepBudgetExceeded)
        }
    }

    /// 3 steps (size, map, range) + outer × (1 + 2 + 2 × 49) for the inner map.
    @Test(arguments: [(98, 3 + 98 * 101, true), (99, 3 + 99 * 101, false)])
    func theDefaultBudgetIsTheStepLimit(outer: Int, steps: Int, fits: Bool) throws {
        #expect(fits == (steps <= Limits.expressionSteps))
        let list = { (n: Int) in "[" + (1...n).map(String.init).joined(separator: ",") + "]" }
        let expression = try Expression(parsing: "\(list(outer)).map(a, \(list(49)).map(b, b)).size()")
        if fits {
            #expect(try expression.evaluate(Bindings()) == .int(Int64(outer)))
        } else {
            let error = try #require(throws: Evaluation.Error.self) { try expression.evaluate(Bindings()) }
            #expect(error.kind == .stepBudgetExceeded)
        }
    }

    /// Found with the FuzzExpression fuzz target, whose property is that an
    /// evaluation within the step budget takes well under a second: string
    /// work was not charged, so `size()` of a 16 KiB string 2,000 times, or
    /// one naive `contains` of a 16 KiB needle in a 32 KiB haystack, took
    /// seconds in 10,000 steps. Strings read by functions, comparisons and
    /// lookups now cost one step per 16 bytes, and `contains` is linear.
    @Test(arguments: [
        "\(LimitsTests.doubled(15)).contains(\(LimitsTests.doubled(14)) + 'b')",
        "[\(LimitsTests.doubled(14))].map(h, \(LimitsTests.list(20)).map(i, \(LimitsTests.list(100)).map(j, size(h) + size(h))))",
        "[\(LimitsTests.doubled(14))].map(h, \(LimitsTests.list(40)).map(i, \(LimitsTests.list(100)).all(j, h == h)))",
        "[\(LimitsTests.doubled(14))].map(h, \(LimitsTests.list(40)).map(i, \(LimitsTests.list(100)).all(j, h.startsWith(h) && {h: 1}[h] == 1)))",
    ])
    func fuzzFoundStringWorkThatTheStepBudgetDidNotCount(source: String) throws {
        let expression = try Expression(parsing: source)
        let error = try #require(throws: Evaluation.Error.self) { try expression.evaluate(Bindings()) }
        #expect(error.kind == .stepBudgetExceeded)
    }

    /// Within the budget the same operations still give their values.
    @Test func stringFunctionsOnLongStringsWithinTheBudget() throws {
        #expect(try Expression(parsing: "\(Self.doubled(13)).contains(\(Self.doubled(12)) + 'b')").evaluate(Bindings()) == .bool(false))
        #expect(try Expression(parsing: "(\(Self.doubled(13)) + 'b').contains(\(Self.doubled(12)) + 'b')").evaluate(Bindings()) == .bool(true))
        #expect(try Expression(parsing: "size(\(Self.doubled(13)))").evaluate(Bindings()) == .int(8192))
    }

    /// The linear search agrees with the naive one, repeats and overlaps included.
    @Test func substringSearchAgreesWithTheNaiveSearch() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let haystack = (0..<Int.random(in: 0...24, using: &generator)).map { _ in UInt8.random(in: 97...99, using: &generator) }
            let needle = (0..<Int.random(in: 0...6, using: &generator)).map { _ in UInt8.random(in: 97...99, using: &generator) }
            let naive = needle.isEmpty || (needle.count <= haystack.count && (0...(haystack.count - needle.count)).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) })
            #expect(Evaluator.bytes(haystack, contain: needle) == naive, "\(haystack) \(needle)")
        }
    }

    /// `'a'` doubled `n` times: 2^n bytes, built in about 2^n / 8 steps.
    static func doubled(_ n: Int) -> String { "['a']" + String(repeating: ".map(s, s + s)", count: n) + "[0]" }

    static func list(_ n: Int) -> String { "[" + (1...n).map(String.init).joined(separator: ",") + "]" }
}
