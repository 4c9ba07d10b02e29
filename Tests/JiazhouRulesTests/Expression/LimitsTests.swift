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
}
