import JiazhouCore
@testable import JiazhouRules
import Testing

@Suite struct MacroTests {
    @Test(arguments: [
        ("volunteer.tags.exists(t, t == '银龄')", "true"),
        ("volunteer.tags.all(t, size(t) == 2)", "true"),
        ("volunteer.tags.exists_one(t, t.startsWith('银'))", "true"),
        ("[1, 2, 3, 4].filter(n, n % 2 == 0)", "[2, 4]"),
        ("[1, 2, 3].map(n, n * n)", "[1, 4, 9]"),
        ("[1, 2, 3, 4].map(n, n % 2 == 0, n * 10)", "[20, 40]"),
        ("{'b': 1, 'a': 2}.map(k, k)", "[\"b\", \"a\"]"),
        ("{'b': 1, 'a': 2}.filter(k, k == 'a')", "[\"a\"]"),
        ("activity.exists(f, f == 'minutes')", "true"),
        ("[[1, 2], [3]].map(l, l.map(x, x + 1))", "[[2, 3], [4]]"),
        ("[1, 2].map(x, [10, 20].map(x, x + 1))", "[[11, 21], [11, 21]]"),
        ("[1, 2].all(x, [3].all(y, x < y))", "true"),
        ("[].map(x, x)", "[]"),
        ("[].exists_one(x, true)", "false"),
        ("volunteer.tags.filter(t, t != '党员').size() * 10", "10"),
    ])
    func macrosRangeOverElementsOrKeys(source: String, value: String) throws {
        #expect(try Fixtures.outcome(source) == value)
    }

    /// One step per node, one per element a macro visits, plus the size of
    /// each value read whole: a list result, the operands of `+` and `in`.
    @Test(arguments: [
        ("[1, 2].map(x, x)", 1 + 1 + 2 * 2 + 3),
        ("[1, 2, 3].exists(x, x == 2)", 1 + 1 + 2 * 4),
        ("[1, 2].map(x, [1, 2, 3].map(y, y)).size()", 1 + 1 + 1 + 2 * (1 + 1 + 1 + 3 * 2)),
        ("([1, 2] + [3]).size()", 1 + 3 + 3 + 2),
        ("2 in [1, 2, 3]", 3 + 4),
        ("[[1]] == [[2]]", 3 + 3),
        ("1 + 2", 3),
    ])
    func stepsAreOnePerNodePlusOnePerElement(source: String, steps: Int) throws {
        let expression = try Expression(parsing: source)
        #expect(throws: Never.self) { try expression.evaluate(Bindings(), stepLimit: steps) }
        let error = try #require(throws: Evaluation.Error.self) { try expression.evaluate(Bindings(), stepLimit: steps - 1) }
        #expect(error.kind == .stepBudgetExceeded)
    }

    @Test(arguments: [
        // Nested macros: exponential in the nesting, the classic CEL blow-up.
        "[0,1,2,3,4,5,6,7,8,9].all(a, [0,1,2,3,4,5,6,7,8,9].all(b, [0,1,2,3,4,5,6,7,8,9].all(c, [0,1,2,3,4,5,6,7,8,9].all(d, true))))",
        "['ab','cd'].map(x, [x+x, x+x]).map(x, [x+x, x+x]).map(x, [x+x, x+x]).map(x, [x+x, x+x]).map(x, [x+x, x+x])"
            + ".map(x, [x+x, x+x]).map(x, [x+x, x+x]).map(x, [x+x, x+x]).map(x, [x+x, x+x]).map(x, [x+x, x+x])",
    ])
    func aRunawayExpressionRunsOutOfStepsInsteadOfHanging(source: String) throws {
        let expression = try Expression(parsing: source)
        let error = try #require(throws: Evaluation.Error.self) { try expression.evaluate(Bindings()) }
        #expect(error.kind == .stepBudgetExceeded)
        #expect(error.message.contains("more than its \(Limits.expressionSteps) steps"))
    }

    @Test func concatenationIsChargedByTheSizeItBuilds() throws {
        // Doubling a string twenty times would build a megabyte; the budget stops it first.
        let doubling = (1...20).reduce("'0123456789abcdef'") { acc, _ in "[\(acc)].map(s, s + s)[0]" }
        let error = try #require(throws: Evaluation.Error.self) { try Expression(parsing: doubling).evaluate(Bindings()) }
        #expect(error.kind == .stepBudgetExceeded)
    }
}
